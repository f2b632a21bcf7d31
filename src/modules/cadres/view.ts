import type { z } from 'zod';
import type { Post as PostSchema } from './schemas.js';

type Post = z.infer<typeof PostSchema>;

type CadreRow = {
  id: number;
  region_code: string;
  region_name: string;
  name: string;
  gender: string;
  birth_year: number;
  education: string;
  posts: string[];
  reserve: boolean;
  unit: string | null;
  phone_masked: string | null;
  id_number_masked: string | null;
};

/** A cadre as lists show them: the phone masked, the age by birth year in the year of `on`. */
export function cadreView(c: CadreRow, on: string) {
  const posts = c.posts as Post[];
  return {
    id: c.id,
    regionCode: c.region_code,
    regionName: c.region_name,
    name: c.name,
    gender: c.gender as 'male' | 'female',
    birthYear: c.birth_year,
    age: Number(on.slice(0, 4)) - c.birth_year,
    education: c.education as Education,
    posts,
    oneShoulder: posts.includes('secretary') && posts.includes('director'),
    reserve: c.reserve,
    unit: c.unit,
    phone: c.phone_masked,
    idNumber: c.id_number_masked,
  };
}

type Education = 'primary' | 'junior' | 'senior' | 'vocational' | 'college' | 'bachelor' | 'postgraduate';

export const postingView = (p: {
  id: number;
  cadre_id: number;
  cadre_name: string;
  village_code: string;
  village_name: string;
  sending_unit: string;
  unit_kind: string;
  started_on: string;
  ended_on: string | null;
}) => ({
  id: p.id,
  cadreId: p.cadre_id,
  cadreName: p.cadre_name,
  villageCode: p.village_code,
  villageName: p.village_name,
  sendingUnit: p.sending_unit,
  unitKind: p.unit_kind as 'party_government' | 'economic' | 'technology' | 'legal',
  startedOn: p.started_on,
  endedOn: p.ended_on,
});

export const pairingView = (p: {
  id: number;
  mentor_id: number;
  mentor_name: string;
  mentee_id: number;
  mentee_name: string;
  mentee_region_name: string;
  started_on: string;
  ended_on: string | null;
  end_reason: string | null;
}) => ({
  id: p.id,
  mentorId: p.mentor_id,
  mentorName: p.mentor_name,
  menteeId: p.mentee_id,
  menteeName: p.mentee_name,
  menteeRegionName: p.mentee_region_name,
  startedOn: p.started_on,
  endedOn: p.ended_on,
  endReason: p.end_reason,
});
