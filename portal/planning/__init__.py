"""Coverage of sites, suggestions for teams, city plans and figures."""
