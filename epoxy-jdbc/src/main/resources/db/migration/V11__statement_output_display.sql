-- What a final %matplot/%plotly line rendered (StatementOutputData.MimeType and Result): NULL for outputs without
-- one, and for every output stored before V11.
ALTER TABLE statement_outputs ADD COLUMN output_mime_type TEXT;
ALTER TABLE statement_outputs ADD COLUMN output_result TEXT;
