// A small JSON Schema (draft 2020-12) validator for the keywords our schemas
// use. A schema that uses any other validation keyword is refused rather than
// half-checked, so a passing validation always means what it says.
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$comment', 'examples', 'default']);
const KNOWN = new Set(['type', 'required', 'properties', 'additionalProperties', 'items', 'const', 'enum',
  'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems']);

function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value, type) {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** Returns a list of problems ("$.path: message"); empty when `value` is valid. */
export function validate(schema, value, path = '$') {
  const problems = [];
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword) && !ANNOTATIONS.has(keyword)) throw new Error(`${path}: unsupported schema keyword '${keyword}'`);
  }
  if (schema.type !== undefined) {
    const types = [].concat(schema.type);
    if (!types.some((type) => matchesType(value, type))) {
      problems.push(`${path}: expected ${types.join(' or ')}, got ${typeOf(value)}`);
      return problems;
    }
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) {
    problems.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  }
  if (schema.enum && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${path}: ${value} < ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${path}: ${value} > ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) problems.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && length > schema.maxLength) problems.push(`${path}: longer than ${schema.maxLength}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, i) => problems.push(...validate(schema.items, item, `${path}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    for (const key of schema.required || []) {
      if (!(key in value)) problems.push(`${path}: missing required '${key}'`);
    }
    for (const [key, item] of Object.entries(value)) {
      if (schema.properties && key in schema.properties) {
        problems.push(...validate(schema.properties[key], item, `${path}.${key}`));
      } else if (schema.additionalProperties === false) {
        problems.push(`${path}: unexpected property '${key}'`);
      } else if (typeof schema.additionalProperties === 'object') {
        problems.push(...validate(schema.additionalProperties, item, `${path}.${key}`));
      }
    }
  }
  return problems;
}
