// Writes public/managed_schema.json from the settings catalogue.
import { writeFileSync } from 'node:fs';
import { managedSchemaText } from '../lib/settings/managed-schema.ts';

writeFileSync(new URL('../public/managed_schema.json', import.meta.url), managedSchemaText());
console.log('public/managed_schema.json written');
