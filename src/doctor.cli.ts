/**
 * `npm run doctor` (in the container: `node dist/src/doctor.cli.js`): checks the production
 * configuration in this environment and names everything missing or unsafe (src/doctor.ts).
 * Exits 0 when there is no error (warnings are printed), 1 when there is one, 2 when the
 * configuration cannot even be read. `--json` prints the findings as one JSON array instead.
 */
import { ConfigError, loadConfig } from './config.js';
import { formatFindings, gatherFacts, productionFindings } from './doctor.js';

async function main() {
  const json = process.argv.includes('--json');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, [], { production: 'report' });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const finding = { id: 'config-invalid', severity: 'error', message: err.message };
    if (json) console.log(JSON.stringify([finding]));
    else console.log(`✗ error   ${finding.id}: ${finding.message}`);
    process.exit(2);
  }
  const findings = productionFindings(await gatherFacts(config, process.env));
  if (json) console.log(JSON.stringify(findings));
  else process.stdout.write(formatFindings(findings));
  process.exit(findings.some((f) => f.severity === 'error') ? 1 : 0);
}

main().catch((err) => {
  console.error('doctor failed:', err instanceof Error ? err.message : err);
  process.exit(2);
});
