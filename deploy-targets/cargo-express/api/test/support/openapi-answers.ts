import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
export type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, Operation>> };

/** A JSON pointer segment inside a URI fragment (`/` → `~1`, then percent-encoded for `{`/`}`). */
const segment = (text: string) => encodeURIComponent(text.replaceAll('~', '~0').replaceAll('/', '~1'));

/**
 * Checks answers against the app's own OpenAPI document: the status must be one the operation
 * documents, and a JSON body must match that status's schema. Returns the problems, empty when none.
 */
export function answerChecker(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi.json');
  const compiled = new Map<string, ValidateFunction>();

  return (method: string, template: string, status: number, body: unknown): string[] => {
    const operation = document.paths[template]?.[method.toLowerCase()];
    if (!operation) return [`${method} ${template} is not in the OpenAPI document`];
    const answer = operation.responses[String(status)];
    if (!answer) return [`${method} ${template} answered ${status}, which the document does not list`];
    if (!answer.content) return body === null || body === '' ? [] : [`${status} documents no body, got ${JSON.stringify(body)}`];
    const key = `${method} ${template} ${status}`;
    let validate = compiled.get(key);
    if (!validate) {
      const pointer = ['paths', template, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema'];
      validate = ajv.compile({ $ref: `openapi.json#/${pointer.map(segment).join('/')}` });
      compiled.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '(body)'} ${e.message ?? ''}`);
  };
}
