-- A photo is stored once: case_photo holds it and names the one thing it serves (case_id,
-- visit_id, wish_id or errand_id). The lists kept beside it on the owner's row are folded
-- into case_photo and dropped: errand.result_photo_ids, wish.fulfil_photo_ids, visit.photo_ids.
-- A listed photo that case_photo does not yet tie to anything is tied to the row that lists
-- it; a photo already tied elsewhere keeps its one owner (the CHECK allows only one).

UPDATE case_photo p SET errand_id = e.id
FROM errand e, unnest(e.result_photo_ids) AS l(photo_id)
WHERE p.county_code = e.county_code AND p.id = l.photo_id
  AND num_nonnulls(p.case_id, p.visit_id, p.wish_id, p.errand_id) = 0;

UPDATE case_photo p SET wish_id = w.id
FROM wish w, unnest(w.fulfil_photo_ids) AS l(photo_id)
WHERE p.county_code = w.county_code AND p.id = l.photo_id
  AND num_nonnulls(p.case_id, p.visit_id, p.wish_id, p.errand_id) = 0;

UPDATE case_photo p SET visit_id = v.id
FROM visit v, unnest(v.photo_ids) AS l(photo_id)
WHERE p.county_code = v.county_code AND p.id = l.photo_id
  AND num_nonnulls(p.case_id, p.visit_id, p.wish_id, p.errand_id) = 0;

ALTER TABLE errand DROP COLUMN result_photo_ids;
ALTER TABLE wish DROP COLUMN fulfil_photo_ids;
ALTER TABLE visit DROP COLUMN photo_ids;

-- Reading an owner's photos, and finding a photo by its id alone (a published photo's
-- address carries no county).
CREATE INDEX case_photo_visit_idx ON case_photo (county_code, visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX case_photo_wish_idx ON case_photo (county_code, wish_id) WHERE wish_id IS NOT NULL;
CREATE INDEX case_photo_errand_idx ON case_photo (county_code, errand_id) WHERE errand_id IS NOT NULL;
CREATE INDEX case_photo_id_idx ON case_photo (id);
