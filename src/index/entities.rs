//! Entity buckets: numbers with units (the number rule) and person–title mentions
//! (the role rule), as extracted, with their documents.

use super::{Bucket, CorpusIndex};
use crate::doc::{DocId, Document};
use crate::extract::entities::{Quantity, RoleMention};
use crate::extract::lexicons::Lexicons;
use crate::extract::{Facts, Needs};

/// [`CorpusIndex::quantities`].
pub struct Quantities;

impl Bucket for Quantities {
    type Part = Vec<Quantity>;
    type Pending = ();

    fn build(_: &Document, facts: &Facts, _: Needs, _: &Lexicons) -> Vec<Quantity> {
        facts.entities.quantities.clone()
    }

    fn insert(index: &mut CorpusIndex, _: &mut (), doc: DocId, part: Vec<Quantity>) {
        index.quantities.extend(part.into_iter().map(|q| (doc, q)));
    }

    fn merge(_: &mut CorpusIndex, _: ()) {}
}

/// [`CorpusIndex::roles`].
pub struct Roles;

impl Bucket for Roles {
    type Part = Vec<RoleMention>;
    type Pending = ();

    fn build(_: &Document, facts: &Facts, _: Needs, _: &Lexicons) -> Vec<RoleMention> {
        facts.entities.roles.clone()
    }

    fn insert(index: &mut CorpusIndex, _: &mut (), doc: DocId, part: Vec<RoleMention>) {
        index.roles.extend(part.into_iter().map(|r| (doc, r)));
    }

    fn merge(_: &mut CorpusIndex, _: ()) {}
}
