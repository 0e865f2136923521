"""Sign-in with an e-mail address or a Vietnamese phone number."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from portal.accounts.models import User
from portal.lib.phones import InvalidPhone, is_phone_like, normalize_phone


def find_user_by_login(login: str) -> User | None:
    login = login.strip()
    if is_phone_like(login):
        try:
            phone = normalize_phone(login)
        except InvalidPhone:
            return None
        return User.objects.filter(phone=phone).first()
    return User.objects.filter(email__iexact=login).first()


class EmailOrPhoneBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or not password:
            return None

        user = find_user_by_login(username)
        if user is None:
            # Hash anyway so that a missing account takes as long as a
            # wrong password and cannot be told apart by timing.
            User().set_password(password)
            return None

        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
