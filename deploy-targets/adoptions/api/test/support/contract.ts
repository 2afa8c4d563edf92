import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

type Operation = { responses: Record<string, { content?: { 'application/json': { schema: unknown } } }> };
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

export type ContractCheck = (method: string, url: string, status: number, body: unknown) => void;

const templateRegex = (template: string) =>
  new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}|\{\w+\}/g, '[^/]+')}$`);

/**
 * Checks one answer against the API's OpenAPI document: the route and status must be documented and
 * the body must match the documented schema. Paths the document does not know must answer 404.
 */
export function contractChecker(document: OpenApiDocument): ContractCheck {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: 'api', components: document.components }, 'api');
  const validators = new Map<string, ValidateFunction>();
  // Literal segments win over parameters (`/sessions/current` before `/sessions/{id}`).
  const templates = Object.keys(document.paths)
    .map((template) => ({ template, regex: templateRegex(template), params: (template.match(/\{/g) ?? []).length }))
    .sort((a, b) => a.params - b.params);

  const validator = (key: string, schema: unknown) => {
    let found = validators.get(key);
    if (!found) {
      const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"api#/components/'));
      found = ajv.compile(rewritten);
      validators.set(key, found);
    }
    return found;
  };

  return (method, url, status, body) => {
    const path = new URL(url, 'http://x').pathname;
    const verb = method.toLowerCase();
    const match = templates.find((t) => t.regex.test(path) && document.paths[t.template]![verb]);
    if (!match) {
      if (verb === 'options' && status === 204) return;
      // Guards run before routing, so an unknown path under a guarded prefix can answer 401 or 403 first.
      if (![401, 403, 404].includes(status)) {
        throw new Error(`contract: ${method} ${path} is not in the OpenAPI document but answered ${status}`);
      }
      const validate = validator('unknown path', { $ref: '#/components/schemas/Error' });
      if (!validate(body)) throw new Error(`contract: ${method} ${path} ${status} is not an error body: ${JSON.stringify(body)}`);
      return;
    }
    const response = document.paths[match.template]![verb]!.responses[String(status)];
    if (!response) throw new Error(`contract: ${method} ${match.template} answered ${status}, which the document does not list: ${JSON.stringify(body)}`);
    const schema = response.content?.['application/json']?.schema;
    if (!schema) {
      if (body !== undefined) throw new Error(`contract: ${method} ${match.template} ${status} should have no body`);
      return;
    }
    const validate = validator(`${verb} ${match.template} ${status}`, schema);
    if (!validate(body)) {
      throw new Error(
        `contract: ${method} ${match.template} ${status} body does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`,
      );
    }
  };
}
