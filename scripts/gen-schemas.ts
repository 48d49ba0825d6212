/** Writes schemas/*.schema.json from the zod definitions. `npm run schemas` */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonSchemas, stableJson } from '../src/publish/json-schemas.ts';

const dir = join(import.meta.dirname, '..', 'schemas');
await mkdir(dir, { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) {
  await writeFile(join(dir, name), stableJson(schema));
  console.log(`wrote schemas/${name}`);
}
