import 'reflect-metadata';
import { createApp } from './bootstrap.js';
import { loadApiConfig } from './config.js';

const config = loadApiConfig();
const app = await createApp(config);
await app.listen(config.API_PORT, config.API_HOST);
console.log(`khuyencong API listening on http://${config.API_HOST}:${config.API_PORT}/api`);
