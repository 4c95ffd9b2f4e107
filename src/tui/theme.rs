//! Colours and emphasis, by meaning. The default palette uses only the 16
//! base colours; with `NO_COLOR` set everything is monochrome and focus and
//! selection stay visible through reverse video and bold.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType};

use crate::jump::JumpKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub const fn colored() -> Theme {
        Theme { color: true }
    }
    pub const fn mono() -> Theme {
        Theme { color: false }
    }

    /// Colours unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::mono(),
            _ => Theme::colored(),
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// A pane's frame: the focused one is bold and double-lined.
    pub fn block<'a>(&self, focused: bool) -> Block<'a> {
        let b = Block::bordered();
        if focused {
            b.border_type(BorderType::Thick)
                .border_style(self.fg(Color::Cyan).add_modifier(Modifier::BOLD))
                .title_style(self.fg(Color::Cyan).add_modifier(Modifier::BOLD))
        } else {
            b.border_style(self.fg(Color::DarkGray))
        }
    }

    /// A popup's frame.
    pub fn popup<'a>(&self) -> Block<'a> {
        Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(self.fg(Color::Yellow).add_modifier(Modifier::BOLD))
            .title_style(Style::new().add_modifier(Modifier::BOLD))
    }

    /// The selected row: reversed in the focused pane, underlined elsewhere.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            if self.color {
                Style::new()
                    .bg(Color::Cyan)
                    .fg(Color::Black)
                    .add_modifier(Modifier::BOLD)
            } else {
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
            }
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn topic(&self) -> Style {
        self.fg(Color::Magenta)
    }

    pub fn caption(&self) -> Style {
        self.dim().add_modifier(Modifier::ITALIC)
    }

    pub fn link(&self) -> Style {
        self.fg(Color::Blue).add_modifier(Modifier::UNDERLINED)
    }

    pub fn email(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn date(&self) -> Style {
        self.fg(Color::Green)
    }

    /// A meeting date that has passed.
    pub fn past(&self) -> Style {
        self.dim()
    }

    pub fn month(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// Matched letters in the jump results.
    pub fn matched(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn kind(&self, kind: JumpKind) -> Style {
        let c = match kind {
            JumpKind::Article => Color::Cyan,
            JumpKind::Person => Color::Green,
            JumpKind::Meeting => Color::Yellow,
            JumpKind::Issue => Color::Blue,
            JumpKind::Topic => Color::Magenta,
        };
        self.fg(c)
    }

    pub fn status(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Blue).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn status_key(&self) -> Style {
        self.status().add_modifier(Modifier::BOLD)
    }

    pub fn status_note(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Yellow)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The unread mark (●) in the lists.
    pub fn unread(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The bookmark mark (★).
    pub fn bookmark(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn input(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}
