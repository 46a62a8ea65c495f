//! The member screen's update, without a window.

use std::sync::Arc;

use super::*;
use crate::model::Problems;

fn state() -> (tempfile::TempDir, Context, State) {
    let dir = tempfile::tempdir().expect("dir");
    let ctx = crate::app::context::tests::sample_context(dir.path(), ops::sample::Scale::Commune);
    let mut s = State::default();
    s.refresh(&ctx);
    (dir, ctx, s)
}

#[test]
fn search_filters_in_name_order() {
    let (_d, ctx, mut s) = state();
    let all = s.visible.len();
    assert_eq!(all, ctx.registry.members.len());
    let first = ctx.registry.members[0].full_name.clone();
    let given = first
        .split(' ')
        .next_back()
        .expect("given name")
        .to_string();
    assert!(
        s.update(&ctx, Message::Search(search_key(&given)))
            .is_none()
    );
    assert!(s.visible.len() < all);
    assert!(
        s.listed(&ctx.registry)
            .all(|m| search_key(&m.full_name).contains(&search_key(&given)))
    );
    s.update(&ctx, Message::Search(String::new()));
    assert_eq!(s.visible.len(), all);
}

#[test]
fn form_validates_then_saves_and_reloads() {
    let (_d, ctx, mut s) = state();
    assert!(s.update(&ctx, Message::New).is_none());
    assert!(
        s.update(&ctx, Message::Save).is_none(),
        "invalid: nothing runs"
    );
    let errors = &s.form.as_ref().expect("form").errors;
    assert!(errors.name.is_some() && errors.team.is_some());
    s.update(&ctx, Message::Name("Lò Văn Páo".into()));
    s.update(&ctx, Message::TeamQuery("thon".into()));
    let (team, _) = s.team_matches[0].clone();
    s.update(&ctx, Message::TeamPicked(team));
    assert!(s.team_matches.is_empty());
    assert!(matches!(s.update(&ctx, Message::Save), Action::Run(_)));
    let member = Member {
        id: 999,
        full_name: "Lò Văn Páo".into(),
        year_of_birth: None,
        gender: None,
        phone: None,
        email: None,
        position: None,
        trained: false,
        team_id: team,
        role: Role::Member,
        joined_on: None,
        left_on: None,
    };
    let a = s.update(&ctx, Message::Saved(Ok(Box::new(member))));
    assert!(matches!(a, Action::Reload(Notice::Success(m)) if m.contains("Lò Văn Páo")));
    assert!(s.form.is_none());
    assert_eq!(s.selected, Some(999));
}

#[test]
fn refused_import_shows_problems_and_cannot_commit() {
    let (_d, ctx, mut s) = state();
    let mut report = Problems::new("to.xlsx");
    report.problem(Some(7), Some("Số điện thoại"), Some("12"), "không hợp lệ");
    let a = s.update(
        &ctx,
        Message::Import(import_flow::Message::Checked(
            "to.xlsx".into(),
            Err(crate::Error::Refused(Arc::new(report))),
        )),
    );
    assert!(a.is_none());
    let r = &s.import.preview.as_ref().expect("preview").report;
    assert_eq!(r.problems.len(), 1);
    assert!(
        s.update(&ctx, Message::Import(import_flow::Message::Commit))
            .is_none(),
        "nothing is written"
    );
    assert!(s.shortcut(&ctx, Shortcut::Close).is_none());
    assert!(!s.import.is_open());
    // A clean check can be committed, as a long job.
    s.update(
        &ctx,
        Message::Import(import_flow::Message::Checked(
            "ok.xlsx".into(),
            Ok((Problems::new("ok.xlsx"), 0)),
        )),
    );
    assert!(matches!(
        s.update(&ctx, Message::Import(import_flow::Message::Commit)),
        Action::Job { .. }
    ));
}

#[test]
fn the_team_list_filters_and_sorts_by_column() {
    let (_d, ctx, mut s) = state();
    let reg = &ctx.registry;
    let all = s.teams.rows.len();
    assert_eq!(all, reg.teams.len());
    let t = |s: &mut State, m: teams::Msg| s.update(&ctx, Message::Teams(m));
    // Sorted by size, up then down on a second click.
    t(&mut s, teams::Msg::Sort(teams::Col::Size));
    let sizes: Vec<usize> = s.teams.rows.iter().map(|&i| reg.team_sizes[i]).collect();
    assert!(sizes.windows(2).all(|w| w[0] <= w[1]), "{sizes:?}");
    t(&mut s, teams::Msg::Sort(teams::Col::Size));
    let sizes: Vec<usize> = s.teams.rows.iter().map(|&i| reg.team_sizes[i]).collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
    assert!(sizes.first() > sizes.last(), "{sizes:?}");
    // Only the teams that break a rule.
    t(&mut s, teams::Msg::Broken(true));
    let broken = reg
        .teams
        .iter()
        .filter(|x| reg.warnings_of(x.id).next().is_some())
        .count();
    assert_eq!(s.teams.rows.len(), broken);
    t(&mut s, teams::Msg::Broken(false));
    // The kind and decision filters.
    t(
        &mut s,
        teams::Msg::Kind(teams::KindFilter::Only(crate::model::TeamKind::CnscdDeAn06)),
    );
    assert!(s.teams.rows.is_empty(), "the sample has none of that kind");
    t(&mut s, teams::Msg::Kind(teams::KindFilter::All));
    t(&mut s, teams::Msg::Decision(teams::DecisionFilter::With));
    let with = s.teams.rows.len();
    t(&mut s, teams::Msg::Decision(teams::DecisionFilter::Without));
    assert_eq!(with + s.teams.rows.len(), all);
    t(&mut s, teams::Msg::Decision(teams::DecisionFilter::All));
    // The commune filter and the search.
    let commune = s.teams.communes[1].clone();
    t(&mut s, teams::Msg::Commune(commune.clone()));
    assert_eq!(s.teams.rows.len(), all, "one commune in the sample");
    t(&mut s, teams::Msg::Query("an dinh".into()));
    assert!(!s.teams.rows.is_empty() && s.teams.rows.len() < all);
    assert!(
        s.teams
            .rows
            .iter()
            .all(|&i| search_key(&reg.team_labels[i]).contains("an dinh"))
    );
    // A half-typed team form asks before it is thrown away.
    t(&mut s, teams::Msg::New);
    t(&mut s, teams::Msg::Name("Tổ mới".into()));
    assert!(matches!(t(&mut s, teams::Msg::Cancel), Action::Confirm(_)));
    t(&mut s, teams::Msg::Discard);
    assert!(s.teams.form.is_none());
}
