// Writes the generated files that tests compare with their sources: `npm run generate`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES_TABLE_FILE, rulesTable } from './rules-table';
import { CONFIG_SCHEMA_FILE, configJsonSchema } from './config-schema';

for (const [file, text] of [
  [RULES_TABLE_FILE, rulesTable()],
  [CONFIG_SCHEMA_FILE, configJsonSchema()],
] as const) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
