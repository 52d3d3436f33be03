import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findCallSiteAt, type CallSite } from '../../../server/src/core/code/callSite';
import { extractCode } from '../../../server/src/core/code/extractCode';
import './codeHarness';

/** `library METHOD url` (with ` <- base` and ` +credential` when present): compact and easy to compare. */
function describeCall(call: CallSite): string {
  return `${call.library} ${call.method} ${call.urlTemplate}${call.baseUrl === undefined ? '' : ` <- ${call.baseUrl}`}${call.credentialVisible ? ' +credential' : ''}`;
}

async function callsIn(file: string, text: string): Promise<string[]> {
  const extraction = await extractCode({ uri: `file:///ws/src/${file}`, text });
  assert.ok(extraction !== undefined);
  return extraction.callSites.map(describeCall);
}

interface Case {
  name: string;
  file: string;
  code: string;
  calls: string[];
}

function table(language: string, cases: Case[]): void {
  describe(`call sites: ${language}`, () => {
    for (const { name, file, code, calls } of cases) {
      test(name, async () => assert.deepEqual(await callsIn(file, code), calls));
    }
  });
}

table('JavaScript / TypeScript', [
  { name: 'fetch with a method option and a template literal', file: 'a.js', code: "fetch(`https://a.example/orders/${id}`, { method: 'PUT' });", calls: ['fetch PUT https://a.example/orders/{*}'] },
  { name: 'fetch(new Request(url, init))', file: 'a.js', code: "fetch(new Request('https://a.example/x', { method: 'DELETE' }));", calls: ['fetch DELETE https://a.example/x'] },
  { name: 'fetch with a method from a variable is unknown', file: 'a.js', code: "fetch('https://a.example/x', { method: verb });", calls: ['fetch unknown https://a.example/x'] },
  {
    name: 'axios verbs, config form, request, and instances',
    file: 'a.ts',
    code: [
      "import axios from 'axios';",
      "axios.get('https://a.example/a');",
      "axios.post('https://a.example/b', body, { headers: { Authorization: t } });",
      "axios({ url: '/c', method: 'patch', baseURL: 'https://a.example' });",
      "axios.request({ url: 'https://a.example/d', method: 'delete' });",
      "const api = axios.create({ baseURL: 'https://a.example/v1' });",
      "api.head('/e');",
      "api({ url: '/f', method: 'options' });",
    ].join('\n'),
    calls: [
      'axios GET https://a.example/a',
      'axios POST https://a.example/b +credential',
      'axios PATCH /c <- https://a.example',
      'axios DELETE https://a.example/d',
      'axios HEAD /e <- https://a.example/v1',
      'axios OPTIONS /f <- https://a.example/v1',
    ],
  },
  {
    name: 'an interceptor on an axios instance makes its credential visible',
    file: 'a.ts',
    code: "import axios from 'axios';\nconst api = axios.create({ baseURL: 'https://a.example' });\napi.interceptors.request.use((c) => { c.headers.Authorization = token; return c; });\napi.get('/x');",
    calls: ['axios GET /x <- https://a.example +credential'],
  },
  {
    name: 'got and ky with prefixUrl',
    file: 'a.ts',
    code: "import got from 'got';\nimport ky from 'ky';\nconst g = got.extend({ prefixUrl: 'https://g.example' });\ng.post('items');\nconst k = ky.create({ prefixUrl: 'https://k.example/api' });\nk.delete('items/1');\ngot('https://g.example/direct', { method: 'PUT' });\nky.get('https://k.example/direct');",
    calls: ['got POST items <- https://g.example', 'ky DELETE items/1 <- https://k.example/api', 'got PUT https://g.example/direct', 'ky GET https://k.example/direct'],
  },
  {
    name: 'ofetch / $fetch, node-fetch, undici',
    file: 'a.mjs',
    code: "import { ofetch } from 'ofetch';\nimport nodeFetch from 'node-fetch';\nimport { request, fetch as undiciFetch } from 'undici';\nofetch('https://o.example/a', { method: 'POST' });\n$fetch('https://o.example/b');\nnodeFetch('https://n.example/c');\nrequest('https://u.example/d', { method: 'PATCH' });\nundiciFetch('https://u.example/e');",
    calls: ['ofetch POST https://o.example/a', 'ofetch GET https://o.example/b', 'node-fetch GET https://n.example/c', 'undici PATCH https://u.example/d', 'undici GET https://u.example/e'],
  },
  {
    name: 'superagent with chained headers',
    file: 'a.js',
    code: "const superagent = require('superagent');\nsuperagent.del('https://s.example/a').set('X-API-Key', key);\nsuperagent.post('https://s.example/b');",
    calls: ['superagent DELETE https://s.example/a +credential', 'superagent POST https://s.example/b'],
  },
  {
    name: 'Node http/https request and get, with options objects',
    file: 'a.js',
    code: "const https = require('https');\nconst http = require('node:http');\nhttps.get('https://h.example/a');\nhttps.request({ hostname: 'h.example', port: 8443, path: '/b', method: 'POST' });\nhttp.request({ host: 'plain.example', path: '/c' });",
    calls: ['node-https GET https://h.example/a', 'node-https POST https://h.example:8443/b', 'node-http GET http://plain.example/c'],
  },
  {
    name: 'new URL(path, base) feeds a call; a lone absolute new URL is a call site of its own',
    file: 'a.js',
    code: "const url = new URL('/a', 'https://u.example/api/');\nfetch(url);\nconst alone = new URL('https://alone.example/b');",
    calls: ['fetch GET https://u.example/api/a', 'URL unknown https://alone.example/b'],
  },
  {
    name: 'XMLHttpRequest.open and WebSocket',
    file: 'a.js',
    code: "const xhr = new XMLHttpRequest();\nxhr.open('POST', '/api/orders');\nconst ws = new WebSocket('wss://w.example/live');",
    calls: ['XMLHttpRequest POST /api/orders', 'WebSocket GET wss://w.example/live'],
  },
  {
    name: 'openapi-fetch client verbs keep the path template',
    file: 'a.ts',
    code: "import createClient from 'openapi-fetch';\nconst client = createClient<paths>({ baseUrl: 'https://p.example/v3' });\nclient.GET('/pet/{petId}', { params: { path: { petId } } });\nclient.DELETE('/pet/{petId}');",
    calls: ['openapi-fetch GET /pet/{petId} <- https://p.example/v3', 'openapi-fetch DELETE /pet/{petId} <- https://p.example/v3'],
  },
  {
    name: 'generated clients: this.request({ path, method }) with .replace keeps the template',
    file: 'a.ts',
    code: "class PetApi { getPet(id) { return this.request({ path: `/pet/{${\"petId\"}}`.replace(`{${\"petId\"}}`, encodeURIComponent(String(id))), method: 'GET' }); } }",
    calls: ['generated GET /pet/{petId}'],
  },
  {
    name: 'constants of the same file are inlined; unknown values become holes',
    file: 'a.js',
    code: "const BASE = 'https://c.example';\nconst API = { ORDERS: '/orders' };\nfetch(BASE + API.ORDERS + '/' + id + '?x=' + q);\nfetch([BASE, 'v2', name].join('/'));",
    calls: ['fetch GET https://c.example/orders/{*}?x={*}', 'fetch GET https://c.example/v2/{*}'],
  },
  {
    name: 'a variable assigned different strings has no single value',
    file: 'a.js',
    code: "let url = 'https://a.example/x';\nif (other) url = 'https://b.example/y';\nfetch(url);",
    calls: ['fetch GET {*}'],
  },
  {
    name: 'TSX components',
    file: 'a.tsx',
    code: "export const A = () => <button onClick={() => fetch('https://t.example/x', { method: 'POST' })}>go</button>;",
    calls: ['fetch POST https://t.example/x'],
  },
  { name: 'calls in comments are no calls', file: 'a.js', code: "// fetch('https://a.example/x');\n/* axios.get('https://a.example/y'); */", calls: [] },
]);

table('Python', [
  {
    name: 'requests verbs, request(method, url), module alias',
    file: 'a.py',
    code: "import requests as rq\nrq.get('https://r.example/a', headers={'Authorization': t})\nrq.request('PATCH', 'https://r.example/b')\nrq.request(method='DELETE', url='https://r.example/c')",
    calls: ['requests GET https://r.example/a +credential', 'requests PATCH https://r.example/b', 'requests DELETE https://r.example/c'],
  },
  {
    name: 'from-imports',
    file: 'a.py',
    code: "from requests import post\nfrom httpx import get as fetch\npost('https://r.example/a')\nfetch('https://x.example/b')",
    calls: ['requests POST https://r.example/a', 'httpx GET https://x.example/b'],
  },
  {
    name: 'requests Session with a base variable and session-level auth',
    file: 'a.py',
    code: "import requests\nBASE = 'https://r.example/v1'\ns = requests.Session()\ns.auth = ('user', password)\ns.put(f'{BASE}/orders/{oid}')",
    calls: ['requests PUT https://r.example/v1/orders/{*} +credential'],
  },
  {
    name: 'httpx Client and AsyncClient with base_url (with-statements)',
    file: 'a.py',
    code: "import httpx\nwith httpx.Client(base_url='https://x.example/api') as c:\n    c.post('/items')\nasync def f():\n    async with httpx.AsyncClient(base_url='https://y.example') as ac:\n        await ac.delete('/items/1')",
    calls: ['httpx POST /items <- https://x.example/api', 'httpx DELETE /items/1 <- https://y.example'],
  },
  {
    name: 'aiohttp ClientSession verbs and ws_connect',
    file: 'a.py',
    code: "import aiohttp\nasync def f():\n    async with aiohttp.ClientSession(headers={'X-API-Key': key}) as session:\n        await session.patch('https://a.example/x')\n        await session.ws_connect('wss://a.example/ws')",
    calls: ['aiohttp PATCH https://a.example/x +credential', 'aiohttp GET wss://a.example/ws +credential'],
  },
  {
    name: 'urllib.request urlopen and Request',
    file: 'a.py',
    code: "import urllib.request\nfrom urllib.request import Request, urlopen\nurllib.request.urlopen('https://u.example/a')\nreq = Request('https://u.example/b', data=payload)\nurlopen(req)\nurlopen(Request('https://u.example/c', method='PUT'))",
    calls: ['urllib GET https://u.example/a', 'urllib POST https://u.example/b', 'urllib PUT https://u.example/c'],
  },
  {
    name: 'urllib3 PoolManager, module request and connection pools',
    file: 'a.py',
    code: "import urllib3\nhttp = urllib3.PoolManager()\nhttp.request('GET', 'https://p.example/a')\nurllib3.request('POST', 'https://p.example/b')\npool = urllib3.HTTPSConnectionPool('p.example', port=8443)\npool.urlopen('DELETE', '/c')",
    calls: ['urllib3 GET https://p.example/a', 'urllib3 POST https://p.example/b', 'urllib3 DELETE https://p.example:8443/c'],
  },
  {
    name: 'format strings: %, .format, f-strings',
    file: 'a.py',
    code: "import requests\nB = 'https://f.example'\nrequests.get('%s/a/%d' % (B, n))\nrequests.get('{}/b/{}'.format(B, n))\nrequests.get('{base}/c'.format(base=B))\nrequests.get(f'{B}/d/{n!r}')",
    calls: ['requests GET https://f.example/a/{*}', 'requests GET https://f.example/b/{*}', 'requests GET https://f.example/c', 'requests GET https://f.example/d/{*}'],
  },
  {
    name: 'generated client (openapi-generator param_serialize)',
    file: 'a.py',
    code: "class PetApi:\n    def get_pet(self, pet_id):\n        return self.api_client.param_serialize(method='GET', resource_path='/pet/{petId}', path_params={'petId': pet_id})",
    calls: ['generated GET /pet/{petId}'],
  },
]);

table('Java', [
  {
    name: 'java.net.http builder: newBuilder(URI), uri(…), methods',
    file: 'A.java',
    code: 'class A { void f() {\n  HttpRequest.newBuilder(URI.create("https://j.example/a")).POST(body).build();\n  HttpRequest.newBuilder().uri(URI.create("https://j.example/b")).method("PATCH", body).header("Authorization", t).build();\n  HttpRequest.newBuilder().uri(new URI("https://j.example/c")).build();\n} }',
    calls: ['java.net.http POST https://j.example/a', 'java.net.http PATCH https://j.example/b +credential', 'java.net.http GET https://j.example/c'],
  },
  {
    name: 'HttpURLConnection with setRequestMethod',
    file: 'A.java',
    code: 'class A { void f() throws Exception {\n  HttpURLConnection c = (HttpURLConnection) new URL("https://j.example/a").openConnection();\n  c.setRequestMethod("DELETE");\n  c.setRequestProperty("Authorization", token);\n} }',
    calls: ['HttpURLConnection DELETE https://j.example/a +credential'],
  },
  {
    name: 'Apache HttpGet / HttpPost',
    file: 'A.java',
    code: 'class A { void f() {\n  HttpPost post = new HttpPost("https://j.example/a");\n  post.setHeader("X-API-Key", key);\n  new HttpGet("https://j.example/b");\n} }',
    calls: ['apache-httpclient POST https://j.example/a +credential', 'apache-httpclient GET https://j.example/b'],
  },
  {
    name: 'RestTemplate methods and exchange with HttpMethod',
    file: 'A.java',
    code: 'class A { private RestTemplate rest;\n void f() {\n  rest.getForEntity("https://j.example/a/{id}", String.class, id);\n  rest.exchange("https://j.example/b", HttpMethod.PUT, entity, String.class);\n  rest.delete("https://j.example/c");\n} }',
    calls: ['RestTemplate GET https://j.example/a/{id}', 'RestTemplate PUT https://j.example/b', 'RestTemplate DELETE https://j.example/c'],
  },
  {
    name: 'Spring WebClient and RestClient with base URLs',
    file: 'A.java',
    code: 'class A {\n  WebClient web = WebClient.builder().baseUrl("https://w.example/api").build();\n  RestClient rest = RestClient.create("https://r.example");\n  void f() {\n    web.post().uri("/orders/{id}", id).retrieve();\n    rest.method(HttpMethod.PATCH).uri("/items").retrieve();\n  }\n}',
    calls: ['WebClient POST /orders/{id} <- https://w.example/api', 'RestClient PATCH /items <- https://r.example'],
  },
  {
    name: 'OkHttp Request.Builder and Unirest',
    file: 'A.java',
    code: 'class A { void f() {\n  new Request.Builder().url("https://o.example/a").put(body).build();\n  Unirest.post("https://u.example/b").header("Authorization", t).asString();\n} }',
    calls: ['okhttp PUT https://o.example/a', 'unirest POST https://u.example/b +credential'],
  },
  {
    name: 'generated client (invokeAPI with String.replace templates)',
    file: 'A.java',
    code: 'class PetApi { Object getPet(Long petId) {\n  String localVarPath = "/pet/{petId}".replace("{" + "petId" + "}", apiClient.escapeString(petId.toString()));\n  return apiClient.invokeAPI(localVarPath, "GET", params, body);\n} }',
    calls: ['generated GET /pet/{petId}'],
  },
]);

table('C#', [
  {
    name: 'HttpClient verbs with BaseAddress and SendAsync(HttpRequestMessage)',
    file: 'A.cs',
    code: 'class A {\n  private readonly HttpClient _http = new HttpClient { BaseAddress = new Uri("https://c.example/api/") };\n  async Task F() {\n    await _http.PostAsJsonAsync("orders", order);\n    await _http.GetStringAsync($"orders/{id}");\n    var req = new HttpRequestMessage(HttpMethod.Put, "orders/1");\n    await _http.SendAsync(req);\n    await _http.SendAsync(new HttpRequestMessage { Method = HttpMethod.Delete, RequestUri = new Uri("https://c.example/api/orders/2") });\n  }\n}',
    calls: ['HttpClient POST orders <- https://c.example/api/', 'HttpClient GET orders/{*} <- https://c.example/api/', 'HttpClient PUT orders/1 <- https://c.example/api/', 'HttpClient DELETE https://c.example/api/orders/2'],
  },
  {
    name: 'RestSharp RestClient and RestRequest',
    file: 'A.cs',
    code: 'class A { async Task F() {\n  var client = new RestClient(new RestClientOptions("https://r.example/v2") { Authenticator = auth });\n  var request = new RestRequest("items/{id}", Method.Patch);\n  await client.ExecuteAsync(request);\n} }',
    calls: ['RestSharp PATCH items/{id} <- https://r.example/v2 +credential'],
  },
  {
    name: 'WebClient downloads and uploads',
    file: 'A.cs',
    code: 'class A { void F() {\n  using var wc = new WebClient();\n  wc.DownloadString("https://w.example/a");\n  wc.UploadString("https://w.example/b", "PUT", data);\n} }',
    calls: ['WebClient GET https://w.example/a', 'WebClient PUT https://w.example/b'],
  },
  {
    name: 'string.Format and interpolation',
    file: 'A.cs',
    code: 'class A { const string Base = "https://f.example"; HttpClient http; async Task F() {\n  await http.DeleteAsync(string.Format("{0}/items/{1}", Base, id));\n  await http.GetAsync($"{Base}/items/{id:D}");\n} }',
    calls: ['HttpClient DELETE https://f.example/items/{*}', 'HttpClient GET https://f.example/items/{*}'],
  },
]);

table('Go', [
  {
    name: 'net/http package functions and NewRequest with headers',
    file: 'a.go',
    code: 'package a\nimport "net/http"\nfunc f() {\n  http.Get("https://g.example/a")\n  http.PostForm("https://g.example/b", data)\n  req, _ := http.NewRequestWithContext(ctx, http.MethodPut, "https://g.example/c", nil)\n  req.SetBasicAuth("u", p)\n}',
    calls: ['net/http GET https://g.example/a', 'net/http POST https://g.example/b', 'net/http PUT https://g.example/c +credential'],
  },
  {
    name: 'client.Get on an http.Client; an aliased import',
    file: 'a.go',
    code: 'package a\nimport nethttp "net/http"\nfunc f() {\n  client := &nethttp.Client{}\n  client.Head("https://g.example/a")\n  nethttp.Post("https://g.example/b", "text/plain", nil)\n}',
    calls: ['net/http HEAD https://g.example/a', 'net/http POST https://g.example/b'],
  },
  {
    name: 'resty with SetBaseURL set later and Execute',
    file: 'a.go',
    code: 'package a\nimport "github.com/go-resty/resty/v2"\nfunc f() {\n  client := resty.New()\n  client.SetBaseURL("https://r.example/api")\n  client.R().SetAuthToken(t).Delete("/items/1")\n  client.R().Execute("PATCH", "/items/2")\n}',
    calls: ['resty DELETE /items/1 <- https://r.example/api +credential', 'resty PATCH /items/2 <- https://r.example/api +credential'],
  },
  {
    name: 'fmt.Sprintf and struct fields of the method receiver',
    file: 'a.go',
    code: 'package a\nimport ("fmt"; "net/http")\ntype C struct { base string }\nfunc New() *C { return &C{base: "https://s.example"} }\nfunc (c *C) Get(id string) { http.Get(fmt.Sprintf("%s/items/%s", c.base, id)) }',
    calls: ['net/http GET https://s.example/items/{*}'],
  },
]);

table('PHP', [
  {
    name: 'curl handles: init URL, CURLOPT_URL, CUSTOMREQUEST and POST',
    file: 'a.php',
    code: "<?php\n$a = curl_init('https://p.example/a');\ncurl_setopt($a, CURLOPT_POST, true);\n$b = curl_init();\ncurl_setopt_array($b, [CURLOPT_URL => 'https://p.example/b', CURLOPT_CUSTOMREQUEST => 'DELETE', CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . $t]]);",
    calls: ['curl POST https://p.example/a', 'curl DELETE https://p.example/b +credential'],
  },
  {
    name: 'file_get_contents of URLs only, with a stream context method',
    file: 'a.php',
    code: "<?php\nfile_get_contents('https://p.example/a');\nfile_get_contents('/etc/hosts');\n$ctx = stream_context_create(['http' => ['method' => 'PUT', 'header' => 'X-API-Key: ' . $k]]);\nfile_get_contents($url, false, $ctx);",
    calls: ['file_get_contents GET https://p.example/a', 'file_get_contents PUT {*} +credential'],
  },
  {
    name: 'Guzzle client with base_uri, request() and verbs, PSR-7 request sent',
    file: 'a.php',
    code: "<?php\nuse GuzzleHttp\\Client;\nuse GuzzleHttp\\Psr7\\Request;\n$client = new Client(['base_uri' => 'https://g.example/v1/']);\n$client->request('PATCH', 'items/1');\n$client->getAsync('items');\n$client->send(new Request('DELETE', 'items/2'));",
    calls: ['guzzle PATCH items/1 <- https://g.example/v1/', 'guzzle GET items <- https://g.example/v1/', 'guzzle DELETE items/2 <- https://g.example/v1/'],
  },
  {
    name: 'Laravel Http facade with baseUrl and withToken',
    file: 'a.php',
    code: "<?php\nuse Illuminate\\Support\\Facades\\Http;\nHttp::get('https://l.example/a');\nHttp::baseUrl('https://l.example/api')->withToken($t)->put('/items/1');",
    calls: ['laravel-http GET https://l.example/a', 'laravel-http PUT /items/1 <- https://l.example/api +credential'],
  },
  {
    name: 'Symfony HttpClient::create with base_uri',
    file: 'a.php',
    code: "<?php\nuse Symfony\\Component\\HttpClient\\HttpClient;\n$http = HttpClient::create(['base_uri' => 'https://s.example', 'auth_bearer' => $t]);\n$http->request('POST', '/orders');",
    calls: ['symfony-http-client POST /orders <- https://s.example +credential'],
  },
  {
    name: 'interpolation, sprintf, class constants and properties',
    file: 'a.php',
    code: "<?php\nclass A {\n  const BASE = 'https://c.example';\n  private $path = '/items';\n  function f($id) {\n    curl_init(self::BASE . \"{$this->path}/$id\");\n    curl_init(sprintf('%s/users/%d', self::BASE, $id));\n  }\n}",
    calls: ['curl GET https://c.example/items/{*}', 'curl GET https://c.example/users/{*}'],
  },
]);

test('the call site at an offset: its URL argument, the innermost of nested calls', async () => {
  const text = "fetch('https://a.example/x', { body: JSON.stringify(await (await fetch('https://a.example/y')).json()) });";
  const extraction = await extractCode({ uri: 'file:///ws/src/a.js', text });
  const calls = extraction!.callSites;
  assert.equal(calls[findCallSiteAt(calls, text.indexOf('a.example/x'))!].urlTemplate, 'https://a.example/x');
  assert.equal(calls[findCallSiteAt(calls, text.indexOf('a.example/y'))!].urlTemplate, 'https://a.example/y');
  assert.equal(findCallSiteAt(calls, text.indexOf('body')), undefined);
});
