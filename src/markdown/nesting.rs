//! Blocks that DocFX opens and closes with lines of their own (tab groups, zones) inside the
//! container they start in: which are open, at which depth of the event stream, so that a
//! container that ends (a list item, a quote, the document) closes the ones opened inside it.

/// The blocks open now, innermost last, each with the container depth it was opened at.
#[derive(Debug)]
pub struct Nesting<K> {
    depth: usize,
    open: Vec<(usize, K)>,
}

impl<K> Default for Nesting<K> {
    fn default() -> Self {
        Nesting {
            depth: 0,
            open: Vec::new(),
        }
    }
}

impl<K: PartialEq> Nesting<K> {
    /// A container starts.
    pub fn start(&mut self) {
        self.depth += 1;
    }

    /// A container ends: how many blocks opened inside it close with it (innermost first).
    pub fn end(&mut self) -> usize {
        let mut closed = 0;
        while self.open.last().is_some_and(|(d, _)| *d == self.depth) {
            self.open.pop();
            closed += 1;
        }
        self.depth = self.depth.saturating_sub(1);
        closed
    }

    /// How many containers are open (0: the document itself).
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// Opens a block in the current container.
    pub fn open(&mut self, kind: K) {
        self.open.push((self.depth, kind));
    }

    /// Whether the innermost open block is `kind` and was opened in the current container.
    pub fn is_open_here(&self, kind: &K) -> bool {
        self.open
            .last()
            .is_some_and(|(d, k)| *d == self.depth && k == kind)
    }

    /// Closes the innermost open block, if any.
    pub fn close(&mut self) -> Option<K> {
        self.open.pop().map(|(_, k)| k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_container_closes_what_opened_inside_it() {
        let mut n = Nesting::default();
        n.open('a');
        n.start();
        n.open('b');
        n.open('c');
        assert!(n.is_open_here(&'c') && !n.is_open_here(&'b'));
        assert_eq!(n.end(), 2);
        assert!(n.is_open_here(&'a'));
        assert_eq!(n.close(), Some('a'));
        assert_eq!(n.close(), None);
    }
}
