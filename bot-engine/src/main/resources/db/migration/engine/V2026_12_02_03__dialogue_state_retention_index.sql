-- The daily retention purge finds what the bot learned by when it was last updated.
CREATE INDEX dialogue_state_updated_at ON dialogue_state (updated_at);
