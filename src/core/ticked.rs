//! Questions ticked by hand for a shared set: an ordered selection without duplicates, capped so that its link
//! stays short.

/// The most questions a ticked set holds (a set link spends five characters per question).
pub const MAX_TICKED: usize = 60;

/// What a tick did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tick {
    /// The question was added at the end.
    Added,
    /// The question was taken out.
    Removed,
    /// Nothing changed: the set already holds [`MAX_TICKED`] questions.
    Full,
}

/// Question ids in the order they were ticked, each at most once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ticked {
    ids: Vec<&'static str>,
}

impl Ticked {
    /// The ticked ids, in tick order.
    pub fn ids(&self) -> &[&'static str] {
        &self.ids
    }

    /// How many questions are ticked.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether nothing is ticked.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Whether no more questions can be added.
    pub fn is_full(&self) -> bool {
        self.ids.len() >= MAX_TICKED
    }

    /// Whether `id` is ticked.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(&id)
    }

    /// Adds `id` at the end unless it is already in or the set is full; says whether it is in afterwards.
    pub fn add(&mut self, id: &'static str) -> bool {
        if self.contains(id) {
            return true;
        }
        if self.is_full() {
            return false;
        }
        self.ids.push(id);
        true
    }

    /// Takes `id` out, keeping the order of the rest; says whether it was in.
    pub fn remove(&mut self, id: &str) -> bool {
        let before = self.ids.len();
        self.ids.retain(|i| *i != id);
        self.ids.len() != before
    }

    /// Ticks `id` if it is not ticked, unticks it if it is.
    pub fn toggle(&mut self, id: &'static str) -> Tick {
        if self.remove(id) {
            Tick::Removed
        } else if self.add(id) {
            Tick::Added
        } else {
            Tick::Full
        }
    }

    /// Unticks everything.
    pub fn clear(&mut self) {
        self.ids.clear();
    }
}
