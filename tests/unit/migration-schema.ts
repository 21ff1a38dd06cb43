/**
 * What each migration does to the schema, as shipped: the tables it creates and the columns it adds (in order),
 * the tables it rebuilds or drops, and the indexes and triggers it leaves (tests/unit/migrations.test.ts checks
 * each against a real file). A shipped migration is never edited; a new one adds its entry here.
 */
export interface SchemaChange {
  creates?: Record<string, string[]>;
  adds?: Record<string, string[]>;
  /** Rebuilt under the same name, with these columns. */
  replaces?: Record<string, string[]>;
  drops?: string[];
  /** Indexes and triggers it creates (`index:name`, `trigger:name`). */
  objects?: string[];
}

export const schemaChanges: Record<number, SchemaChange> = {
  1: {
    creates: {
      audit_log: ['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'detail', 'prev_hash', 'hash'],
      bodies: ['id', 'kind', 'name', 'area', 'term', 'created_at'],
      memberships: ['id', 'body_id', 'person_id', 'unit_title', 'constituency', 'seat_no', 'since', 'until', 'end_reason', 'notes', 'created_at'],
      persons: ['id', 'name', 'pinyin', 'initials', 'gender', 'ethnicity', 'party', 'phone', 'created_at'],
    },
    objects: [
      'index:memberships_body', 'index:memberships_one_active_seat', 'index:memberships_person', 'index:persons_name',
      'trigger:audit_log_no_delete', 'trigger:audit_log_no_update',
    ],
  },
  2: {
    creates: {
      agenda_documents: ['id', 'item_id', 'file_name', 'stored_name', 'size', 'sha256', 'added_at'],
      agenda_items: ['id', 'meeting_id', 'position', 'kind', 'title', 'notes'],
      attendance: ['meeting_id', 'membership_id', 'status', 'reason', 'signed_in_at', 'left_at', 'late', 'updated_at'],
      meetings: ['id', 'body_id', 'kind', 'rule_set_id', 'session', 'title', 'date', 'start_time', 'end_time', 'venue', 'year', 'quarter', 'status', 'opened_at', 'closed_at', 'quorum_override', 'created_at'],
      rule_sets: ['id', 'key', 'name', 'meeting_kind', 'builtin', 'based_on', 'rules', 'created_at'],
      vote_counts: ['vote_id', 'yes', 'no', 'abstain', 'entered_at'],
      vote_eligible: ['vote_id', 'membership_id'],
      vote_named_choices: ['vote_id', 'membership_id', 'choice'],
      vote_secret_ballots: ['vote_id', 'ballot_id', 'choice'],
      vote_voters: ['vote_id', 'membership_id'],
      votes: ['id', 'meeting_id', 'agenda_item_id', 'title', 'mode', 'secrecy', 'round', 'previous_vote_id', 'status', 'snapshot', 'result', 'announcement', 'opened_at', 'closed_at', 'created_at'],
    },
    objects: [
      'index:agenda_meeting', 'index:meetings_body', 'index:meetings_one_per_quarter', 'index:votes_meeting',
    ],
  },
  3: {
    creates: {
      manual_totals: ['vote_id', 'project_id', 'yes', 'no', 'abstain'],
      paper_entries: ['vote_id', 'batch', 'seq', 'yes', 'no', 'abstain', 'ranks', 'void', 'void_reason', 'entered_at'],
      project_ballots: ['vote_id', 'ballot_id', 'yes', 'no', 'abstain', 'ranks', 'void'],
      project_eligible: ['vote_id', 'membership_id'],
      project_lists: ['id', 'body_id', 'year', 'title', 'seats', 'locked_at', 'created_at'],
      project_voters: ['vote_id', 'membership_id'],
      project_votes: ['id', 'list_id', 'meeting_id', 'agenda_item_id', 'round', 'previous_vote_id', 'kind', 'style', 'mode', 'seats', 'candidate_ids', 'pass', 'status', 'expected', 'present', 'issued', 'scrutineers', 'counters', 'result', 'announcement', 'opened_at', 'closed_at', 'created_at'],
      projects: ['id', 'list_id', 'number', 'name', 'department', 'budget_wan', 'summary', 'location', 'source', 'created_at'],
    },
    objects: [
      'index:projects_list',
    ],
  },
  4: {
    creates: {
      screen_state: ['id', 'mode', 'meeting_id', 'agenda_item_id', 'vote_id', 'project_vote_id', 'message', 'countdown_ends_at', 'revealed', 'updated_at'],
    },
  },
  5: {
    adds: {
      memberships: ['npc_deputy'],
    },
  },
  6: {
    creates: {
      audit_before_polls: ['through_id'],
      poll_items: ['id', 'poll_id', 'position', 'kind', 'ref_id', 'number', 'title', 'department'],
      poll_rounds: ['id', 'poll_id', 'round', 'previous_id', 'kind', 'mode', 'status', 'seats', 'item_ids', 'pass', 'snapshot', 'issued', 'scrutineers', 'counters', 'result', 'announcement', 'opened_at', 'closed_at', 'created_at', 'legacy'],
      polls: ['id', 'meeting_id', 'agenda_item_id', 'kind', 'style', 'secrecy', 'title', 'list_id', 'created_at'],
      round_ballots: ['round_id', 'ballot_id', 'box', 'yes', 'no', 'abstain', 'data', 'void'],
      round_counts: ['round_id', 'kind', 'item', 'box', 'counts', 'entered_at'],
      round_eligible: ['round_id', 'membership_id', 'box'],
      round_entries: ['round_id', 'batch', 'seq', 'box', 'yes', 'no', 'abstain', 'data', 'void', 'void_reason', 'entered_at'],
      round_named: ['round_id', 'membership_id', 'choice'],
      round_voters: ['round_id', 'membership_id'],
    },
    replaces: {
      screen_state: ['id', 'mode', 'meeting_id', 'agenda_item_id', 'round_id', 'message', 'countdown_ends_at', 'revealed', 'updated_at'],
    },
    drops: ['manual_totals', 'paper_entries', 'project_ballots', 'project_eligible', 'project_voters', 'project_votes', 'vote_counts', 'vote_eligible', 'vote_named_choices', 'vote_secret_ballots', 'vote_voters', 'votes'],
    objects: [
      'index:poll_items_poll', 'index:poll_rounds_poll', 'index:polls_list', 'index:polls_meeting',
    ],
  },
  7: {
    creates: {
      agenda_item_projects: ['agenda_item_id', 'project_id'],
      list_outcomes: ['list_id', 'decision', 'unfilled', 'reason', 'round_id', 'decided_at'],
      project_decisions: ['id', 'project_id', 'poll_id', 'kind', 'summary', 'created_at'],
      project_evaluations: ['project_id', 'round_id', 'meeting_id', 'held_on', 'style', 'summary', 'passed'],
      project_files: ['id', 'project_id', 'stage', 'record_id', 'file_name', 'stored_name', 'mime_type', 'size', 'sha256', 'added_at'],
      project_inspections: ['id', 'project_id', 'kind', 'held_on', 'participants', 'findings', 'created_at'],
      project_milestones: ['id', 'project_id', 'position', 'title', 'due_on', 'done_on'],
      project_plans: ['project_id', 'department', 'lead', 'budget_wan', 'start_on', 'finish_on', 'updated_at'],
      project_progress: ['id', 'project_id', 'reported_on', 'percent', 'spent_wan', 'text', 'created_at'],
      rectifications: ['id', 'project_id', 'opened_by_round', 'department', 'deadline', 'requirement', 'response', 'responded_on', 'status', 'closed_by_round', 'closed_at', 'created_at'],
    },
    adds: {
      project_lists: ['adopted_by', 'adopted_on', 'adopted_ref'],
      projects: ['origin', 'proposer', 'category', 'screening', 'rejected_reason'],
    },
    objects: [
      'index:agenda_item_projects_project', 'index:project_decisions_poll', 'index:project_decisions_project',
      'index:project_evaluations_round', 'index:project_files_project', 'index:project_inspections_project',
      'index:project_lists_body_year', 'index:project_milestones_project', 'index:project_progress_project',
      'index:projects_category', 'index:rectifications_project',
    ],
  },
  8: {
    adds: {
      project_progress: ['lowered_reason'],
    },
  },
  9: {
    adds: {
      rectifications: ['withdrawn'],
    },
    objects: [
      'index:project_evaluations_project',
    ],
  },
  10: {
    adds: {
      projects: ['rejected_from'],
    },
  },
  11: {
    adds: {
      meetings: ['annual_session'],
    },
  },
  12: {
    creates: {
      installation: ['id', 'uid', 'created_at'],
      meeting_packages: ['digest', 'direction', 'meeting_uid', 'based_on', 'records', 'at'],
      package_audit: ['package_digest', 'id', 'at', 'actor', 'action', 'entity', 'entity_id', 'detail', 'prev_hash', 'hash'],
    },
    adds: {
      agenda_documents: ['uid'],
      agenda_items: ['uid'],
      bodies: ['uid'],
      meetings: ['uid'],
      memberships: ['uid'],
      persons: ['uid'],
      poll_items: ['uid'],
      poll_rounds: ['uid'],
      polls: ['uid'],
      project_files: ['uid'],
      project_lists: ['uid'],
      projects: ['uid'],
      rule_sets: ['uid'],
    },
    objects: [
      'index:agenda_documents_uid', 'index:agenda_items_uid', 'index:bodies_uid', 'index:meeting_packages_meeting',
      'index:meetings_uid', 'index:memberships_uid', 'index:persons_uid', 'index:poll_items_uid',
      'index:poll_rounds_uid', 'index:polls_uid', 'index:project_files_uid', 'index:project_lists_uid',
      'index:projects_uid', 'index:rule_sets_uid', 'trigger:agenda_documents_uid', 'trigger:agenda_items_uid',
      'trigger:bodies_uid', 'trigger:meetings_uid', 'trigger:memberships_uid', 'trigger:package_audit_no_delete',
      'trigger:package_audit_no_update', 'trigger:persons_uid', 'trigger:poll_items_uid', 'trigger:poll_rounds_uid',
      'trigger:polls_uid', 'trigger:project_files_uid', 'trigger:project_lists_uid', 'trigger:projects_uid',
      'trigger:rule_sets_uid',
    ],
  },
  13: {
    creates: {
      fingerprint_anchors: ['code', 'entry_id', 'hash_part', 'first_checked_at', 'last_checked_at', 'checks'],
    },
  },
  14: {
    creates: {
      lan_credentials: ['meeting_id', 'membership_id', 'generation', 'revoked', 'changed_at'],
      lan_desks: ['id', 'meeting_id', 'name', 'generation', 'revoked_at', 'created_at'],
    },
    objects: [
      'index:lan_desks_meeting',
    ],
  },
};
