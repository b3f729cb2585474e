import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { scratchDir } from '../scratch';
import { OPENAPI_MAX_BYTES, OPENAPI_MAX_DEPTH, readOpenApi } from '../../config/openapi';

/** The base of relative paths in these tests: the config file's folder. */
const base = scratchDir('openapi');
const FIELD = 'apis[0].openApi';
const OPENAPI = { openapi: '3.0.1', info: { title: 'billing', version: '1' }, paths: { '/invoices': { get: {} } } };

function write(name: string, content: unknown): string {
  mkdirSync(path.dirname(path.join(base, name)), { recursive: true });
  writeFileSync(path.join(base, name), typeof content === 'string' ? content : JSON.stringify(content));
  return `./${name}`;
}

function read(file: string, dir = base): { issues: string[]; document?: Record<string, unknown> } {
  const issues: string[] = [];
  const definition = readOpenApi(file, dir, FIELD, issues);
  expect(definition === undefined).toBe(issues.length > 0);
  return { issues, document: definition?.document };
}

/** The message prefix every refusal of `name` starts with. */
const prefix = (name: string): string => `${FIELD}: received "./${name}" (resolved to ${path.join(base, name)}); `;

const withPaths = (paths: Record<string, unknown>) => ({ ...OPENAPI, paths });

describe('openApi: compliant', () => {
  it('reads the examples that name an OpenAPI file', () => {
    const examples = path.join(__dirname, '..', '..', 'examples');
    const files = readdirSync(examples)
      .filter((name) => name.endsWith('.json'))
      .flatMap((name) => {
        const config = JSON.parse(readFileSync(path.join(examples, name), 'utf8')) as { apis?: { openApi?: string }[] };
        return (config.apis ?? []).flatMap((api) => (api.openApi ? [api.openApi] : []));
      });
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(read(file, examples).issues).toEqual([]);
  });

  it('accepts OpenAPI 3.0.x', () => {
    expect(read(write('v303.json', { ...OPENAPI, openapi: '3.0.3' })).document).toMatchObject({ openapi: '3.0.3' });
    expect(read(write('v30.yaml', 'openapi: "3.0"\npaths: {}\n')).issues).toEqual([]);
  });

  it('accepts servers without an endpoint configuration', () => {
    expect(read(write('servers.json', { ...OPENAPI, servers: [{ url: 'https://api.example.com' }] })).issues).toEqual([]);
  });

  it('accepts one variable path part per parent, reused under it', () => {
    const paths = { '/i/{a}': { get: {} }, '/i/{a}/x': { get: {} }, '/i/y': { get: {} }, '/j/{b}': { get: {} }, 'x-note': {} };
    expect(read(write('siblings.json', withPaths(paths))).issues).toEqual([]);
  });

  it('accepts a greedy path variable as the last segment', () => {
    expect(read(write('greedy.json', withPaths({ '/{proxy+}': { get: {} }, '/a/{rest+}': { get: {} } }))).issues).toEqual([]);
  });

  it('accepts local $ref values', () => {
    const doc = {
      ...withPaths({ '/pets': { get: { responses: { 200: { $ref: '#/components/responses/Pets' } } } } }),
      components: { responses: { Pets: { description: 'pets', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } }, schemas: { Pet: { type: 'object' } } },
    };
    expect(read(write('local-ref.json', doc)).issues).toEqual([]);
  });

  it('accepts a file exactly at the size limit, and a YAML alias used twice', () => {
    const json = JSON.stringify(OPENAPI);
    expect(read(write('at-limit.json', json + ' '.repeat(OPENAPI_MAX_BYTES - json.length))).issues).toEqual([]);
    const yaml = 'openapi: 3.0.1\npaths:\n  /a:\n    get: &op\n      responses: {}\n  /b:\n    get: *op\n';
    expect(read(write('alias.yaml', yaml)).issues).toEqual([]);
  });

  it('accepts nesting up to the depth limit', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < OPENAPI_MAX_DEPTH - 4; i++) schema = { items: schema };
    expect(read(write('deep-ok.json', { ...OPENAPI, components: { schemas: { Deep: schema } } })).issues).toEqual([]);
  });
});

describe('openApi: refused', () => {
  it('fails on OpenAPI 3.1', () => {
    expect(read(write('v31.json', { ...OPENAPI, openapi: '3.1.0' })).issues).toEqual([
      `${prefix('v31.json')}expected "openapi": "3.0.x" (API Gateway imports OpenAPI 2.0 and 3.0, not 3.1 or later); found "3.1.0" at /openapi`,
    ]);
  });

  it('keeps refusing what is not OpenAPI 3, naming /openapi', () => {
    expect(read(write('swagger.json', { swagger: '2.0', paths: {} })).issues).toEqual([
      `${prefix('swagger.json')}expected an OpenAPI 3 document ("openapi": "3.x"); found no "openapi" key at /openapi`,
    ]);
  });

  it('fails on an endpoint configuration in servers', () => {
    const doc = { ...OPENAPI, servers: [{ url: 'https://a.example.com' }, { url: 'https://b.example.com', 'x-amazon-apigateway-endpoint-configuration': { disableExecuteApiEndpoint: true } }] };
    expect(read(write('server-endpoint.json', doc)).issues).toEqual([
      `${prefix('server-endpoint.json')}expected no x-amazon-apigateway-endpoint-configuration in servers: the product makes the API PRIVATE at /servers/1/x-amazon-apigateway-endpoint-configuration`,
    ]);
  });

  it('fails on the top-level policy and endpoint configuration, naming where they are', () => {
    const doc = { ...OPENAPI, 'x-amazon-apigateway-policy': {}, 'x-amazon-apigateway-endpoint-configuration': { types: ['REGIONAL'] } };
    expect(read(write('top-level.json', doc)).issues).toEqual([
      `${prefix('top-level.json')}expected no top-level x-amazon-apigateway-policy: the product owns the resource policy that binds the API to the service's endpoint at /x-amazon-apigateway-policy`,
      `${prefix('top-level.json')}expected no top-level x-amazon-apigateway-endpoint-configuration: the product makes the API PRIVATE at /x-amazon-apigateway-endpoint-configuration`,
    ]);
  });

  it('fails on a document without paths', () => {
    expect(read(write('no-paths.json', { openapi: '3.0.1' })).issues).toEqual([`${prefix('no-paths.json')}expected an OpenAPI 3 document with "paths" at /paths`]);
  });

  it('fails on two different variable path parts under one parent', () => {
    expect(read(write('two-vars.json', withPaths({ '/i/{a}': { get: {} }, '/i/{b}/x': { get: {} } }))).issues).toEqual([
      `${prefix('two-vars.json')}expected one variable path part under "/i", as API Gateway allows one variable child per resource ("only one is allowed"); found {b} in "/i/{b}/x" and {a} in "/i/{a}": use one name at /paths/~1i~1{b}~1x`,
    ]);
    expect(read(write('two-vars-root.json', withPaths({ '/{id}': { get: {} }, '/{proxy+}': { get: {} } }))).issues).toEqual([
      `${prefix('two-vars-root.json')}expected one variable path part under "/", as API Gateway allows one variable child per resource ("only one is allowed"); found {proxy+} in "/{proxy+}" and {id} in "/{id}": use one name at /paths/~1{proxy+}`,
    ]);
  });

  it('fails on a greedy path variable that is not the last segment', () => {
    expect(read(write('greedy-middle.json', withPaths({ '/a/{rest+}/b': { get: {} } }))).issues).toEqual([
      `${prefix('greedy-middle.json')}expected a greedy path variable ({rest+}) only as the last segment of a path: it matches the whole rest of the path (in "/a/{rest+}/b") at /paths/~1a~1{rest+}~1b`,
    ]);
  });

  it('fails on a $ref to another file or a URL, saying to inline it', () => {
    write('schemas/pet.yaml', 'type: object\n');
    const doc = {
      ...withPaths({ '/pets': { get: { responses: { 200: { description: 'pets', content: { 'application/json': { schema: { $ref: './schemas/pet.yaml' } } } } } } } }),
      components: { schemas: { Owner: { $ref: 'https://example.com/owner.json#/Owner' } } },
    };
    const expected = (ref: string) =>
      `expected only local $ref values ("#/components/…"): API Gateway does not fetch another file or a URL; inline the definition it points to (found "${ref}")`;
    expect(read(write('external-ref.json', doc)).issues).toEqual([
      `${prefix('external-ref.json')}${expected('./schemas/pet.yaml')} at /paths/~1pets/get/responses/200/content/application~1json/schema/$ref`,
      `${prefix('external-ref.json')}${expected('https://example.com/owner.json#/Owner')} at /components/schemas/Owner/$ref`,
    ]);
  });

  it('fails on a file past the size limit without reading it whole', () => {
    const name = 'too-large.json';
    write(name, JSON.stringify(OPENAPI) + ' '.repeat(OPENAPI_MAX_BYTES));
    const size = JSON.stringify(OPENAPI).length + OPENAPI_MAX_BYTES;
    expect(read(`./${name}`).issues).toEqual([
      `${prefix(name)}expected an OpenAPI file of at most ${OPENAPI_MAX_BYTES} bytes (6 MB, API Gateway's limit for an API definition); it has ${size} bytes`,
    ]);
  });

  it('fails on a directory and on a FIFO, before opening them', () => {
    mkdirSync(path.join(base, 'folder.yaml'));
    expect(read('./folder.yaml').issues).toEqual([`${prefix('folder.yaml')}expected a regular file, JSON or YAML; found a directory`]);
    if (process.platform === 'win32') return;
    execFileSync('mkfifo', [path.join(base, 'pipe.yaml')]);
    expect(read('./pipe.yaml').issues).toEqual([`${prefix('pipe.yaml')}expected a regular file, JSON or YAML; found a FIFO`]);
  });

  (existsSync('/dev/zero') ? it : it.skip)('fails on /dev/zero, which never ends', () => {
    const issues: string[] = [];
    expect(readOpenApi('/dev/zero', base, FIELD, issues)).toBeUndefined();
    expect(issues).toEqual([`${FIELD}: received "/dev/zero" (resolved to /dev/zero); expected a regular file, JSON or YAML; found a character device`]);
  });

  it('fails on a YAML alias inside its own anchor (a cycle)', () => {
    expect(read(write('cycle.yaml', 'openapi: 3.0.1\npaths: {}\ncomponents: &c\n  again: *c\n')).issues).toEqual([
      `${prefix('cycle.yaml')}expected no cycle (a YAML alias inside its own anchor): the definition is sent to API Gateway as JSON at /components/again`,
    ]);
  });

  it('fails on nesting past the depth limit', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < OPENAPI_MAX_DEPTH; i++) schema = { items: schema };
    const [issue] = read(write('deep.json', { ...OPENAPI, components: { schemas: { Deep: schema } } })).issues;
    expect(issue).toMatch(new RegExp(`^${FIELD.replace(/[[\].]/g, '\\$&')}: received "./deep.json" .*expected at most ${OPENAPI_MAX_DEPTH} levels of nesting at /components/schemas/Deep[/items]+… \\(\\d+ characters\\)$`));
  });

  it('reports at most ten findings per document, then how many more', () => {
    const paths = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`/p${i}`, { get: { $ref: `./op${i}.yaml` } }]));
    const { issues } = read(write('many.json', withPaths(paths)));
    expect(issues).toHaveLength(11);
    expect(issues[10]).toBe(`${prefix('many.json')}5 more like these in the same document`);
  });

  it('cuts a long received value and gives its length', () => {
    const long = `./${'a'.repeat(300)}.json`;
    const [issue] = read(long).issues;
    expect(issue).toContain(`received ${JSON.stringify(long).slice(0, 120)}… (${long.length} characters) (resolved to`);
    expect(issue).not.toContain('a'.repeat(300));
  });
});
