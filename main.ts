import { App } from 'cdktf';
import { ConfigError, loadConfig } from './config';
import { createStacks } from './stacks/app';

// Validate before constructing anything, so bad input writes nothing to cdktf.out.
let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const app = new App();
createStacks(app, config);
app.synth();
