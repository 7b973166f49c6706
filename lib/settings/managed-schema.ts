import { SETTING_KEYS, catalogue } from './catalogue';

/**
 * Chrome's managed-storage schema (a JSON Schema subset: type, properties,
 * enum, title, description). Generated from the catalogue; a unit test checks
 * the committed public/managed_schema.json equals this.
 */
export function buildManagedSchema(): object {
  const properties: Record<string, object> = {};
  for (const key of SETTING_KEYS) {
    const def = catalogue[key];
    if (!def.policy) continue;
    if (def.type === 'json') {
      properties[key] = { title: key, description: def.description, ...def.managedSchema };
      continue;
    }
    properties[key] = {
      title: key,
      description: def.description,
      type: def.type === 'boolean' ? 'boolean' : 'string',
      ...(def.type === 'enum' ? { enum: [...def.options] } : {}),
    };
  }
  return { type: 'object', properties };
}

export function managedSchemaText(): string {
  return `${JSON.stringify(buildManagedSchema(), null, 2)}\n`;
}
