"""Single sign-on with the municipality's provider: public routes (the caller has no token yet)."""
from services.gateway.api.base import API, ApiBase
from services.gateway.http import route
from services.gateway.sso import COOKIE_NAME, CallbackQuerySchema, SignedInSchema


class AuthRoutes(ApiBase):
    # Single sign-on: public (the caller has no token yet), limited per address like the acknowledgement links,
    # with a limit of their own: a whole town hall behind one address signs in at eight.
    @route("GET", f"{API}/auth/login", tag="auth", status=302, limited=True,
           limit_setting="sign_in_rate_limit_per_minute",
           summary="Sign in with the municipality's sign-in provider (redirect) / Logg inn via kommunens "
                   "innloggingstjeneste")
    def sign_in_start(self, request):
        return self.sign_in.login()

    @route("GET", f"{API}/auth/callback", tag="auth", query=CallbackQuerySchema, response=SignedInSchema,
           limited=True, limit_setting="sign_in_rate_limit_per_minute", errors=(401,),
           summary="Where the provider returns the browser: the access token and who it signs in / "
                   "Tilbake fra innloggingstjenesten: token og hvem som er logget inn")
    def sign_in_callback(self, request, query):
        return self.sign_in.callback(query, request.cookies.get(COOKIE_NAME))
