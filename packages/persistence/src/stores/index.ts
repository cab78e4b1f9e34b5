// Stores: the API's queries, one store per aggregate, grouped by area. Every query the API runs lives here.
export * from './areas.js';
export * from './people/index.js';
export * from './selection/index.js';
export * from './schemes/index.js';
export * from './operations/index.js';
export * from './rules/index.js';
