-- The daily retention purge finds conversations by when they were last touched, and closed cases by when
-- they were closed.
CREATE INDEX conversation_updated_at ON conversation (updated_at);
CREATE INDEX resident_case_closed_at ON resident_case (closed_at);
