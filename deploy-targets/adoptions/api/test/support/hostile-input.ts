import fc from 'fast-check';

/** JSON values chosen to break things: wrong types, extremes, NUL, overlong text, impossible dates. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  { weight: 3, arbitrary: fc.string().map((s) => `${s}\u0000${s}`) },
  fc.constantFrom('x'.repeat(300), 'y'.repeat(6000), '', ' ', '\t\n', 'null', '<script>alert(1)</script>', "' OR 1=1 --", '%_\\'),
  { weight: 2, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.constantFrom(0, -1, -0, 2 ** 31, 2 ** 53, 2 ** 63, Number('9223372036854775807'), 1e300, -1e300, 5e-324, 1.5) },
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  { weight: 2, arbitrary: fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom('0000-01-01', '9999-12-31', '2021-02-29', '2020-13-45', '+275760-09-13', '1899-12-31', '2024-01-01T00:00:00Z') },
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
);

/** Plausible values by field name, so that some bodies get past validation and reach the database. */
const plausible: Record<string, fc.Arbitrary<unknown>> = {
  email: fc.constantFrom('fuzz@example.test', 'FUZZ@Example.Test', 'admin@example.test'),
  name: fc.constantFrom('Fuzz', 'Ñandú', 'a'.repeat(120)),
  password: fc.constant('fuzz-password-123'),
  newPassword: fc.constant('fuzz-password-456'),
  currentPassword: fc.constant('wrong-password-1'),
  animalId: fc.constantFrom(1, '2', 3, '9223372036854775807', 2 ** 53 - 1),
  adopterId: fc.constantFrom(1, '1', 2),
  role: fc.constantFrom('staff', 'volunteer', 'admin', 'nobody'),
  to: fc.constantFrom('under_review', 'approved', 'completed', 'withdrawn'),
  kind: fc.constantFrom('vaccination', 'vet_visit', 'other'),
  occurredOn: fc.constantFrom('2024-01-01', '1900-01-01', '2999-12-31'),
  birthDate: fc.constantFrom('2020-01-01', null),
  sex: fc.constantFrom('male', 'female', 'unknown'),
  species: fc.constantFrom('dog', 'cat'),
  status: fc.constantFrom('available', 'reserved', 'adopted'),
  contentType: fc.constantFrom('image/png', 'image/jpeg'),
  code: fc.constant('A'.repeat(43)),
  reason: fc.constant('did not return the dog'),
  permissions: fc.constantFrom(['animals.read'], ['nonsense']),
  key: fc.constantFrom('animals/1/00000000-0000-0000-0000-000000000000.png'),
};

/**
 * A body for a route whose fields are `fields`: mostly a plausible body with one field made hostile
 * (so the rest gets past validation and the hostile value reaches the handler and the database),
 * sometimes any mix of plausible, hostile, missing and unknown fields, or not an object at all.
 */
export function hostileBody(fields: readonly string[]): fc.Arbitrary<unknown> {
  const plausibleBody = fc.record(Object.fromEntries(fields.map((f) => [f, plausible[f] ?? fc.constantFrom('text', 'Ñ')])));
  const unknownFields = fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'extra', 'id', 'role'), hostileValue, { maxKeys: 2 });
  const oneHostile = fields.length
    ? fc
        .tuple(plausibleBody, fc.constantFrom(...fields), hostileValue, unknownFields)
        .map(([body, field, value, unknown]) => ({ ...unknown, ...body, [field]: value }))
    : unknownFields;
  const mixed = fc
    .tuple(
      fc.record(
        Object.fromEntries(fields.map((f) => [f, fc.oneof(plausible[f] ?? fc.string(), hostileValue)])),
        { requiredKeys: [] },
      ),
      unknownFields,
    )
    .map(([known, unknown]) => ({ ...unknown, ...known }));
  const raw = fc.constantFrom('{"email":', '[', '"just a string"', 'null', '{}', '', '\u0000');
  return fc.oneof(
    { weight: 5, arbitrary: oneHostile },
    { weight: 2, arbitrary: mixed },
    { weight: 1, arbitrary: hostileValue },
    { weight: 1, arbitrary: raw.map((r) => ({ raw: r })) },
  );
}

/** Path segments for `{id}`-like parameters: real ids, ids past bigint, negatives, text, encodings. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('1', '2', '3', '0', '-1', '1e3', '9223372036854775807', '9223372036854775808', '999999999999999999', 'staff', 'admin', 'volunteer'),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
  fc.constantFrom('%00', '%ZZ', '..', '%2e%2e', 'a%2Fb', 'x'.repeat(500)),
);

/** A query string over `keys` and one unknown key. */
export function hostileQuery(keys: readonly string[]): fc.Arbitrary<string> {
  return fc
    .dictionary(fc.constantFrom(...keys, 'unknown'), fc.oneof(fc.string(), fc.constantFrom('true', 'false', 'available', 'pending', 'submitted', '%00')), {
      maxKeys: 3,
    })
    .map((q) => (Object.keys(q).length ? `?${new URLSearchParams(q as Record<string, string>).toString()}` : ''));
}
