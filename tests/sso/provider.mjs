// A real OpenID Connect provider (panva's oidc-provider) for the single sign-on tests: one
// client, theodoi; accounts and their claims from OIDC_ACCOUNTS (JSON, by login name); the
// library's own login and consent pages.
import Provider from "oidc-provider";

const [port, redirectUri] = process.argv.slice(2);
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || "{}");

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: "theodoi",
      client_secret: "theodoi-secret",
      redirect_uris: [redirectUri],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "given_name", "family_name"],
    theodoi: ["theodoi_roles"],
  },
  conformIdTokenClaims: false,
  pkce: { required: () => false },
  cookies: { keys: ["theodoi-test-only"] },
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, ...(accounts[id] || {}) }),
  }),
});
provider.listen(Number(port), "127.0.0.1", () => console.log("ready"));
