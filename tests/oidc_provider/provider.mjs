// A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for Vern's single sign-on tests.
//
// Environment: PORT, VERN_REDIRECT_URI (the gateway's /api/v1/auth/callback), VERN_AUDIENCE (the
// resource whose access tokens are JWTs for Vern). Prints "ready <issuer>" when it listens.
//
// Users sign in through a small login page and a consent page (plain HTML forms a test can post).
// Access tokens for Vern carry the user's groups and agency (extraTokenClaims), as a municipality's
// provider would be set up to. POST /test/rotate-key makes the provider sign with a new key and still
// publish the old one, as a provider rotating its keys does; tests use it to show Vern follows.
import crypto from 'node:crypto';
import http from 'node:http';

import Provider, { errors } from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const redirectUri = process.env.VERN_REDIRECT_URI;
const audience = process.env.VERN_AUDIENCE || 'urn:vern:api';
const otherAudience = 'urn:other:api';

// Users of the municipality's directory; the password of each is "<name>-passord".
const users = {
  kari: { groups: ['vern-personvernkoordinator', 'alle-ansatte'], agency: 'Demo-etaten' },
  ola: { groups: ['vern-ansatt'], agency: 'Demo-etaten' },
  per: { groups: ['alle-ansatte'], agency: 'Demo-etaten' }, // in no group Vern knows
  siri: { groups: ['vern-personvernkoordinator'], agency: 'Ny etat' }, // an agency not in Vern's directory
  liv: { groups: ['vern-sentralt'], agency: 'Demo-etaten' }, // the central role, of an agency not central
};
// Machine clients (client credentials): their tokens carry claims of their own.
const robots = {
  'robot-short': { secret: 'robot-short-secret', ttl: 1, groups: ['vern-personvernkoordinator'], agency: 'Demo-etaten' },
  'robot-other': { secret: 'robot-other-secret', ttl: 300, groups: ['vern-personvernkoordinator'], agency: 'Demo-etaten' },
};

function newKey() {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), use: 'sig', alg: 'RS256' };
}

let keys = [newKey()];

function resourceServer(resource, client) {
  const ttl = robots[client.clientId]?.ttl ?? 600;
  const jwt = { sign: { alg: 'RS256' } };
  if (resource === audience) return { scope: 'api', audience, accessTokenFormat: 'jwt', accessTokenTTL: ttl, jwt };
  if (resource === otherAudience) return { scope: 'api', audience: otherAudience, accessTokenFormat: 'jwt', accessTokenTTL: ttl, jwt };
  throw new errors.InvalidTarget();
}

function makeProvider() {
  const provider = new Provider(issuer, {
    clients: [
      { // Vern's gateway: a public client, so PKCE is its only proof
        client_id: 'vern-web', token_endpoint_auth_method: 'none', redirect_uris: [redirectUri],
        grant_types: ['authorization_code'], response_types: ['code'],
      },
      ...Object.entries(robots).map(([clientId, robot]) => ({
        client_id: clientId, client_secret: robot.secret, grant_types: ['client_credentials'],
        redirect_uris: [], response_types: [],
      })),
    ],
    jwks: { keys },
    cookies: { keys: ['vern-test-provider-cookie-key'] },
    scopes: ['openid', 'vern', 'api'],
    claims: { openid: ['sub'], vern: ['groups', 'agency'] },
    findAccount: async (ctx, id) => users[id] && {
      accountId: id,
      claims: async () => ({ sub: id, groups: users[id].groups, agency: users[id].agency }),
    },
    extraTokenClaims: async (ctx, token) => {
      const who = token.accountId ? users[token.accountId] : robots[token.clientId];
      return who ? { groups: who.groups, agency: who.agency } : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => audience,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx, resource, client) => resourceServer(resource, client),
      },
    },
    pkce: { required: () => true },
    ttl: { // set, so the provider does not warn about its defaults; a resource's own TTL wins
      AccessToken: (ctx, token) => token.resourceServer?.accessTokenTTL || 600,
      ClientCredentials: (ctx, token) => token.resourceServer?.accessTokenTTL || 600,
      AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600,
    },
    interactions: { url: async (ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => { ctx.type = 'json'; ctx.body = out; },
  });
  return provider;
}

let provider = makeProvider();
let handle = provider.callback();

function page(res, body) {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><body>${body}</body></html>`);
}

async function form(req) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return Object.fromEntries(new URLSearchParams(raw));
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  const { prompt, params } = details;
  if (req.method === 'GET') {
    if (prompt.name === 'login') {
      return page(res, `<h1>Kommunens innlogging</h1><form method="post" action="/interaction/${uid}/login">
        <input name="login"><input name="password" type="password"><button>Logg inn</button></form>`);
    }
    return page(res, `<h1>Samtykke: ${params.client_id}</h1>
      <form method="post" action="/interaction/${uid}/confirm"><button>Godta</button></form>
      <form method="post" action="/interaction/${uid}/abort"><button>Avbryt</button></form>`);
  }
  if (action === 'login') {
    const { login, password } = await form(req);
    if (!users[login] || password !== `${login}-passord`) {
      return page(res, `<p>Feil brukernavn eller passord</p><form method="post" action="/interaction/${uid}/login">
        <input name="login"><input name="password" type="password"><button>Logg inn</button></form>`);
    }
    return provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
  }
  if (action === 'abort') {
    return provider.interactionFinished(req, res, {
      error: 'access_denied', error_description: 'The user refused' }, { mergeWithLastSubmission: false });
  }
  // confirm: grant what the client asked for (scopes, claims, Vern's resource)
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes || {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } },
    { mergeWithLastSubmission: true });
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    const match = url.pathname.match(/^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/);
    if (match) return await interaction(req, res, match[1], match[2]);
    if (req.method === 'POST' && url.pathname === '/test/rotate-key') {
      keys = [newKey(), ...keys]; // sign with the new key; keep publishing the old one
      provider = makeProvider();
      handle = provider.callback(); // sessions and grants live in the shared in-memory adapter
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ kid: keys[0].kid }));
    }
    return handle(req, res);
  } catch (error) {
    console.error(error);
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    return res.end(String(error));
  }
});

server.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
