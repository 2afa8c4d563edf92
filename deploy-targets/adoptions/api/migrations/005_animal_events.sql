-- Events in an animal's life at the shelter (vaccinations, vet visits, ...), in the order they happened.
CREATE TABLE animal_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  animal_id   bigint NOT NULL REFERENCES animals(id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('arrival', 'vaccination', 'deworming', 'vet_visit', 'sterilization',
                                            'treatment', 'foster', 'return', 'other')),
  occurred_on date NOT NULL,
  description text NOT NULL DEFAULT '',
  created_by  bigint REFERENCES accounts(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX animal_events_animal ON animal_events (animal_id, occurred_on, id);
