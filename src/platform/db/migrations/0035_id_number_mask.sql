-- ID numbers are masked to their first and last character only (2****************4):
-- the old mask kept the region prefix and the last four, which beside the birth date
-- gave the whole number back. The masked column is recomputed from itself.
UPDATE resident
   SET id_number_masked = left(id_number_masked, 1) || repeat('*', length(id_number_masked) - 2) || right(id_number_masked, 1)
 WHERE length(id_number_masked) > 4
   AND id_number_masked !~ '^.\*+.$';
