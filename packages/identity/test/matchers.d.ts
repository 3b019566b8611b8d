// Registers the types of the matchers @cra-kit/testing installs for every test run.
import type {} from '@cra-kit/testing';
