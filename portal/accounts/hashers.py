"""Argon2 tuned for a web tier of small machines.

Django's default asks for 100 MiB and eight lanes per hash, which takes
several hundred milliseconds on two cores and makes every sign-in a
denial-of-service lever. OWASP's minimum for Argon2id (19 MiB, two passes,
one lane) keeps offline guessing expensive at a fraction of the cost.
Stored hashes carry their own parameters, so older ones still verify and
are upgraded at the next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class PortalArgon2Hasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1
