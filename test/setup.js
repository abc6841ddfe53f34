const { shutdownEngine } = require('./harness/engine');

afterAll(() => shutdownEngine());
