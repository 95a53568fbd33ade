import * as path from 'node:path';
import { matchGolden } from '../support/golden';
import { runCli } from '../support/cli';

const root = path.join(__dirname, '..', '..');

/** The bundled examples, as a new user sees them: findings and the cost table. */
describe('golden output of examples/', () => {
  it('costlint check examples/', () => {
    matchGolden('check-examples.txt', runCli(['check', 'examples/'], root).stdout);
  });

  it('costlint estimate examples/', () => {
    matchGolden('estimate-examples.txt', runCli(['estimate', 'examples/'], root).stdout);
  });
});
