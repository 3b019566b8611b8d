export { runStory } from './story.js';
export { createNarrator } from './narrator.js';
export type { StoryOptions, StoryResult } from './story.js';
export type { Narrator } from './narrator.js';
