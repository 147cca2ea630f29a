-- When an API token last authorised a request (Unix seconds, renewed at most once a minute), for the admin's
-- list of every user's tokens.
ALTER TABLE api_token ADD COLUMN last_used_at BIGINT;
-- Failed sign-ins no longer lock an account (anyone could keep its owner out); the web layer slows the address
-- they come from instead, in memory.
ALTER TABLE app_user DROP COLUMN failed_logins;
ALTER TABLE app_user DROP COLUMN locked_until;
