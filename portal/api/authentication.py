"""API tokens, checked on every call of the Union's mobile app."""

import functools

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from portal.accounts.models import User


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's ``Authorization: Token <key>``, the person read in one statement.

    DRF loads the token and its user through the ORM's ``select_related``,
    whose building costs twice the Python time of the plain join below;
    on the sign-up rush that is a twentieth of each request. What is
    refused, and with which message, stays DRF's.
    """

    def authenticate_credentials(self, key: str) -> tuple[User, Token]:
        user = next(iter(User.objects.raw(_person_of_token_sql(), [key])), None)
        if user is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return user, Token(key=key, user=user)


@functools.cache
def _person_of_token_sql() -> str:
    quote = connection.ops.quote_name
    token_user = quote(Token._meta.get_field("user").column)
    token_key = quote(Token._meta.get_field("key").column)
    user_id = quote(User._meta.pk.column)
    return (
        f"SELECT u.* FROM {quote(User._meta.db_table)} u "
        f"JOIN {quote(Token._meta.db_table)} t ON t.{token_user} = u.{user_id} "
        f"WHERE t.{token_key} = %s"
    )
