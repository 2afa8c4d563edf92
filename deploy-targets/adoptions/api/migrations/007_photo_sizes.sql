-- The sizes made of each photo (thumbnail, card, full), and the original's dimensions.
ALTER TABLE animal_photos
  ADD COLUMN width  integer,
  ADD COLUMN height integer,
  ADD COLUMN sizes  jsonb NOT NULL DEFAULT '{}';
