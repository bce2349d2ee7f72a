//! Helpers shared by rules in this group.
