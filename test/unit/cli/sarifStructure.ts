/**
 * The part of the SARIF 2.1.0 schema (OASIS sarif-schema-2.1.0.json) that API Guard's output
 * uses, written out from the specification: required properties, enumerations and value ranges.
 * Code scanning rejects files that break these, so the tests validate every SARIF run against it.
 */
const message = { type: 'object', required: ['text'], properties: { text: { type: 'string' }, markdown: { type: 'string' } } };
const region = {
  type: 'object',
  properties: {
    startLine: { type: 'integer', minimum: 1 },
    startColumn: { type: 'integer', minimum: 1 },
    endLine: { type: 'integer', minimum: 1 },
    endColumn: { type: 'integer', minimum: 1 },
  },
  required: ['startLine'],
  additionalProperties: false,
};
const physicalLocation = {
  type: 'object',
  required: ['artifactLocation'],
  properties: {
    artifactLocation: {
      type: 'object',
      required: ['uri'],
      properties: { uri: { type: 'string', format: 'uri-reference' }, uriBaseId: { type: 'string' } },
      additionalProperties: false,
    },
    region,
  },
  additionalProperties: false,
};

export const SARIF_STRUCTURE = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string' },
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['tool'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string' },
                  version: { type: 'string' },
                  semanticVersion: { type: 'string' },
                  informationUri: { type: 'string' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id'],
                      properties: {
                        id: { type: 'string' },
                        name: { type: 'string' },
                        shortDescription: message,
                        fullDescription: message,
                        help: message,
                        helpUri: { type: 'string', pattern: '^https://' },
                        defaultConfiguration: {
                          type: 'object',
                          properties: { enabled: { type: 'boolean' }, level: { enum: ['none', 'note', 'warning', 'error'] } },
                          additionalProperties: false,
                        },
                        properties: { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' }, uniqueItems: true } } },
                      },
                      additionalProperties: false,
                    },
                  },
                },
              },
            },
          },
          originalUriBaseIds: {
            type: 'object',
            additionalProperties: { type: 'object', properties: { uri: { type: 'string', pattern: '/$' } }, required: ['uri'] },
          },
          columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['message'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: -1 },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message,
                locations: { type: 'array', items: { type: 'object', properties: { physicalLocation }, additionalProperties: false } },
                relatedLocations: {
                  type: 'array',
                  items: { type: 'object', properties: { id: { type: 'integer', minimum: -1 }, message, physicalLocation }, additionalProperties: false },
                },
                partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
                suppressions: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['kind'],
                    properties: { kind: { enum: ['inSource', 'external'] }, justification: { type: 'string' } },
                    additionalProperties: false,
                  },
                },
                properties: { type: 'object' },
              },
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};
