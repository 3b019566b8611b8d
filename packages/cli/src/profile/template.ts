/**
 * The product profile `cra init` writes: the worked example of cra-kit (an industrial vibration
 * sensor), commented section by section. A test keeps it identical to
 * `examples/products/vibration-sensor.cra.product.yaml`.
 */
export const PRODUCT_PROFILE_TEMPLATE = `# cra.product.yaml: the product profile of one product model, read by every cra-kit tool.
# Check it with \`cra validate cra.product.yaml\`. The JSON Schema is published in
# @cra-kit/core/schemas/product-profile.schema.json; editors that understand the comment below
# offer completion and inline checks.
# yaml-language-server: $schema=https://unpkg.com/@cra-kit/core/schemas/product-profile.schema.json
#
# This is the worked example of cra-kit: an industrial vibration sensor that reports to its
# maker's cloud through an MQTT gateway. Every name and address in it is fictitious.
schemaVersion: 1

# Who makes the product and how to reach them (Annex II(1)-(2), Art. 13(16)-(17)).
manufacturer:
  name: Acme Sensortechnik GmbH
  trademark: ACME Sense
  postalAddress:
    street: Industriestrasse 12
    postalCode: '70565'
    city: Stuttgart
    country: DE
  email: info@acme-sensors.example
  website: https://acme-sensors.example
  # The single point of contact for vulnerability reports: a mailbox people read and a web form.
  securityContact:
    email: security@acme-sensors.example
    url: https://acme-sensors.example/security/report
    encryptionKeyUrl: https://acme-sensors.example/.well-known/openpgp-key.asc
  cvdPolicyUrl: https://acme-sensors.example/security/cvd-policy
  # Decides which national CSIRT receives Art. 14 reports (Art. 14(7)).
  mainEstablishment: DE

# What the product is (Annex II(3)-(5)).
product:
  name: ACME VibraSense 300
  type: VS-300
  model: vs300
  hardwareRevisions: [rev-b, rev-c]
  identification:
    scheme: serial-number
    format: VS3-<yy><ww>-<6 digits>, e.g. VS3-2748-000123
    marking: laser-engraved on the housing, printed on the packaging, readable over the gateway API
  intendedPurpose: >-
    Continuous vibration monitoring of rotating machinery (motors, pumps, fans) in industrial
    plants, for predictive maintenance. Installed inside a plant network segment, behind the
    plant firewall, and reachable only through the ACME MQTT gateway.
  essentialFunctions:
    - measure vibration velocity and acceleration on three axes
    - raise an alarm when a configured vibration threshold is exceeded
    - report measurements to the maintenance system through the MQTT gateway
  securityProperties:
    - unique per-device X.509 identity used for mutual TLS
    - signed firmware updates with anti-rollback
    - no default passwords; local service access needs a per-device password from the label
  operatingEnvironment: >-
    Industrial plant, ambient -20 to 70 °C, operated by maintenance staff. The sensor connects
    over Wi-Fi (WPA3-Enterprise) to the plant network; the gateway connects outbound to the
    ACME cloud. No connection from the internet to the sensor.
  foreseeableMisuse:
    - installation on a network segment reachable from the internet
    - keeping the factory service password after commissioning on shared sites

# CRA category by core functionality (Art. 7(1)): a vibration sensor is in no Annex III/IV
# point, so it is a default-category product.
classification:
  category: default
  rationale: Its core function is measurement; it has no function listed in Annex III or IV.

# The conformity assessment procedure (Art. 32). Default products may use internal control.
conformityAssessment:
  procedure: module-a

# Placing on the market, expected use time and support period (Art. 13(8)).
lifecycle:
  placingOnMarket: '2027-12-11'
  expectedUseTime:
    years: 8
  supportPeriod:
    duration:
      years: 8
    basis: unit
    rationale: >-
      Customers replace vibration sensors with the monitored machine's major overhaul, on
      average after 8 years; our sensors of the previous generation were in use 7 to 9 years.

# Every data item the product processes, why, and where it goes (Annex I, Part I (2)(g)).
# The device cloud rejects telemetry fields that are not declared here.
dataInventory:
  - key: vibration_velocity_rms
    description: RMS vibration velocity per axis
    category: telemetry
    personalData: false
    valueType: number
    unit: mm/s
    purpose: condition monitoring, the product's intended purpose
    destinations: [manufacturer-cloud, customer-system]
    retention: 24 months in the ACME cloud, then deleted
  - key: vibration_acceleration_peak
    description: Peak acceleration per axis
    category: telemetry
    personalData: false
    valueType: number
    unit: m/s²
    purpose: detecting shocks and bearing damage
    destinations: [manufacturer-cloud, customer-system]
    retention: 24 months in the ACME cloud, then deleted
  - key: temperature
    description: Housing temperature
    category: telemetry
    personalData: false
    valueType: number
    unit: °C
    purpose: compensating the measurement and detecting overheating
    destinations: [manufacturer-cloud, customer-system]
    retention: 24 months in the ACME cloud, then deleted
  - key: battery_level
    description: Remaining battery charge
    category: diagnostic
    personalData: false
    valueType: integer
    unit: '%'
    purpose: planning battery replacement
    destinations: [manufacturer-cloud]
    retention: 90 days
  - key: firmware_version
    description: Installed firmware version
    category: diagnostic
    personalData: false
    valueType: string
    purpose: offering the right security updates
    destinations: [manufacturer-cloud]
    retention: as long as the device is registered
  - key: installer_name
    description: Name of the technician who commissioned the sensor, typed in the app
    category: personal
    personalData: true
    valueType: string
    purpose: audit trail of who commissioned which sensor, on the customer's request
    destinations: [customer-system]
    retention: until factory reset

# The attack surface: every external interface, port and protocol (Annex I, Part I (2)(j)).
interfaces:
  - name: MQTT uplink
    kind: network
    protocol: MQTT 3.1.1 over TLS 1.3
    transport: tcp
    port: 8883
    direction: outbound
    authentication: mutual TLS with the per-device X.509 certificate
    encryption: TLS 1.3
    enabledByDefault: true
    purpose: telemetry and update notices
  - name: Wi-Fi
    kind: radio
    protocol: IEEE 802.11ax, WPA3-Enterprise
    direction: outbound
    authentication: EAP-TLS with the per-device certificate
    encryption: WPA3 (AES-GCMP-256)
    enabledByDefault: true
    purpose: network access
  - name: Bluetooth LE commissioning
    kind: radio
    protocol: BLE 5.0 GATT with LE Secure Connections
    direction: inbound
    authentication: per-device password printed on the label
    encryption: LE Secure Connections (AES-CCM)
    enabledByDefault: false
    purpose: first set-up with the commissioning app; off after commissioning
  - name: SWD debug port
    kind: debug
    protocol: ARM Serial Wire Debug
    direction: inbound
    authentication: locked (readout protection level 2) in production units
    encryption: none
    enabledByDefault: false
    purpose: factory programming only

# How security updates reach users (Annex I, Part I (2)(c); Part II (2), (7), (8)).
updatePolicy:
  automaticSecurityUpdates: true
  userCanOptOut: true
  postpone:
    allowed: true
    maxDays: 30
  userNotification: true
  securityUpdatesSeparate: true
  freeOfCharge: true

# Standards applied (Annex V(6), Annex VII(5)). None is harmonised under the CRA yet.
standards:
  - reference: ETSI EN 303 645 V3.1.3
    kind: other-standard
    coverage: partial
    provisions: ['5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7', '5.11', '5.13']
  - reference: IEC 62443-4-2:2019
    kind: other-standard
    coverage: partial
    provisions: [CR 1.2, CR 3.4, CR 4.1]

# The SBOM (Annex I, Part II (1)); kept in the technical documentation, not published.
sbom:
  location: technical-file/sbom/vs300-firmware.cdx.json
  format: cyclonedx
  sharedWithUsers: false

# Where the published documents live (Annex II(6)-(8)).
documentation:
  declarationOfConformityUrl: https://acme-sensors.example/compliance/vs300/eu-doc.pdf
  userInstructionsUrl: https://acme-sensors.example/docs/vs300/security
  supportUrl: https://acme-sensors.example/support/vs300
`;
