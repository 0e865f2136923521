"""Activities, shifts and sign-ups."""
