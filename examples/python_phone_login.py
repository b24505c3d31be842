"""Log in from a phone number, as a till does: the user approves in the Vipps app."""

import vipps_auth

config = vipps_auth.Config.from_env()  # VIPPS_ENV: test, production, or a base URL
login = vipps_auth.LoginClient.from_env(config)  # VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET

code = vipps_auth.generate_binding_message()  # show it on the till; the app shows it too
request = vipps_auth.PhoneLoginRequest(phone="+47 123 45 678", scope="name", binding_message=code)
phone_login = login.start_phone_login_blocking(request)
print(f"Approve in the app for {phone_login.phone}: {code}")

# A Cancel button calls phone_login.cancel() from another thread (or cancel the asyncio task).
match login.wait_for_phone_login_blocking(phone_login, with_userinfo=True, listener=None):
    case vipps_auth.PhoneLoginResult.COMPLETED(login=done):
        print(f"welcome, {done.userinfo.name if done.userinfo else done.claims.sub}")
    case vipps_auth.PhoneLoginResult.CANCELLED():
        print("the user declined")
    case vipps_auth.PhoneLoginResult.EXPIRED():
        print("no answer in time")
