//! Catch-up: which issues are new since the last visit, and marking an
//! issue or everything read (each asked for first, y/n in the status bar).
//!
//! "Last visit" is the set of issues the reader has listed before
//! (`seen_issues` in `state.ron`), not a time: an issue copied into the
//! folder late, with an old date or file time, is still new, clocks of two
//! machines sharing the state do not matter, and two readers open at once
//! merge their sets by union. On the very first visit (nothing seen yet)
//! nothing is marked new: every issue would be.

use std::collections::{BTreeSet, HashSet};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Focus, IssueRow, LeftMode, View};

/// A question waiting for y/n in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Confirm {
    /// Mark every article of this issue (by source file name) read.
    IssueRead(String),
    /// Mark every article read.
    AllRead,
}

/// What is known about the last visit.
#[derive(Debug, Default)]
pub struct CatchUp {
    /// The issues seen before this session (None: the first visit).
    seen_before: Option<BTreeSet<String>>,
    /// Issues (by source) that arrived since the last visit.
    pub new: HashSet<String>,
    /// The question asked, if any.
    pub confirm: Option<Confirm>,
}

impl App {
    /// Note the issues listed now: those not seen on an earlier visit are
    /// new; all of them are seen from now on. Called when a saved state is
    /// attached and when more of the folder has loaded.
    pub fn note_seen_issues(&mut self) {
        let seen = &mut self.store.state.seen_issues;
        let before = self.catchup.seen_before.get_or_insert_with(|| seen.clone());
        let first_visit = before.is_empty();
        let mut added = false;
        for is in &self.corpus.issues {
            if !first_visit && !before.contains(&is.source) {
                self.catchup.new.insert(is.source.clone());
            }
            if !seen.contains(&is.source) {
                seen.insert(is.source.clone());
                added = true;
            }
        }
        if added {
            self.store.touch();
        }
    }

    /// Is this issue new since the last visit (and not yet read through)?
    pub fn is_new_issue(&self, issue: usize) -> bool {
        self.corpus
            .issues
            .get(issue)
            .is_some_and(|is| self.catchup.new.contains(&is.source))
            && self.unread_count(issue) > 0
    }

    /// Issues new since the last visit with articles left to read.
    pub fn new_issue_count(&self) -> usize {
        (0..self.corpus.issues.len())
            .filter(|i| self.is_new_issue(*i))
            .count()
    }

    /// The issue `r` acts on: the issue row (or the issue of the article
    /// row) under the left cursor, else the issue shown.
    pub fn target_issue(&self) -> Option<usize> {
        if self.focus == Focus::Left && self.left == LeftMode::Issues {
            match self.issue_rows().get(self.issue_cursor.selected) {
                Some(IssueRow::Issue(i)) | Some(IssueRow::Article(i, _)) => return Some(*i),
                None => {}
            }
        }
        if let Some((i, _)) = self.target_article() {
            return Some(i);
        }
        match self.view {
            View::Issue(i) | View::Article(i, _) => Some(i),
            View::Nothing => None,
        }
    }

    /// Ask before marking the selected issue read.
    pub(super) fn ask_issue_read(&mut self) {
        let Some(i) = self.target_issue() else {
            return self.note(self.words.no_issue);
        };
        let is = &self.corpus.issues[i];
        let name = self
            .words
            .issue_date(is)
            .unwrap_or_else(|| crate::sanitize::clean_line(&is.title));
        let msg = self.words.confirm_issue_read.replace("{issue}", &name);
        self.catchup.confirm = Some(Confirm::IssueRead(is.source.clone()));
        self.note(msg);
    }

    /// Ask before marking everything read.
    pub(super) fn ask_all_read(&mut self) {
        let unread: usize = (0..self.corpus.issues.len())
            .map(|i| self.unread_count(i))
            .sum();
        if unread == 0 {
            return self.note(self.words.all_read);
        }
        let msg = self
            .words
            .confirm_all_read
            .replace("{n}", &self.words.number(unread));
        self.catchup.confirm = Some(Confirm::AllRead);
        self.note(msg);
    }

    /// The answer to a question: y or j (ja) does it, any other key
    /// cancels. True when the key was taken as an answer.
    pub(super) fn answer(&mut self, key: &KeyEvent) -> bool {
        let Some(question) = self.catchup.confirm.take() else {
            return false;
        };
        let yes = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            && matches!(key.code, KeyCode::Char('y' | 'Y' | 'j' | 'J'));
        if !yes {
            self.note(self.words.cancelled);
            return true;
        }
        let issues: Vec<usize> = match question {
            Confirm::IssueRead(source) => self.corpus.issue_at(&source).into_iter().collect(),
            Confirm::AllRead => (0..self.corpus.issues.len()).collect(),
        };
        let mut n = 0;
        for i in issues {
            for a in 0..self.corpus.issues[i].articles.len() {
                if !self.is_read(i, a) {
                    self.set_read(i, a, true);
                    n += 1;
                }
            }
        }
        let msg = self
            .words
            .count(n, self.words.marked_read_one, self.words.marked_read);
        self.note(msg);
        true
    }
}
