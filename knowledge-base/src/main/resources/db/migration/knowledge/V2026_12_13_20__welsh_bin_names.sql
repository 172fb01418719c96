-- A Welsh council names its bins in Welsh as well ("Bin du (gwastraff cyffredinol)"): the rounds file's optional
-- name_cy column. Null where the council gave none; the server then makes one from the stream and colour.
ALTER TABLE bin_round ADD COLUMN name_cy VARCHAR(200);
