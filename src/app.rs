//! The iced desktop application: the only module that imports iced. The root owns the shared
//! `Context` (workspace, dialogs, registry snapshot, clock), the screens, the toasts, the
//! confirmation modal and the long job in progress; it routes messages to the screens and acts
//! on the `Action`s they return, opening a `Target` on the screen that shows it (see `screen`).
//! It never reads a screen's messages.
//!
//! The first frame is drawn before anything is read: the registry loads on a worker thread and
//! the screens are refreshed when it arrives, so opening a province-sized database stays quick.

pub mod context;
pub mod dialogs;
pub mod errors;
pub mod guard;
pub mod instance;
pub mod path_field;
pub mod screen;
pub mod text;
pub mod theme;
pub mod widget;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Datelike;
use iced::keyboard::{self, Key, key::Named};
use iced::task::Handle;
use iced::widget::{Column, button, column, container, progress_bar, row, text as label};
use iced::{Alignment, Element, Length, Subscription, Task};

use self::context::{Cancel, Clock, Context};
use self::dialogs::SharedDialogs;
use self::screen::{
    Action, Nav, Notice, Shortcut, Target, db_error, documents, guide, members, overview, reports,
    settings, signing, units, welcome,
};
use crate::ops::registry::Registry;
use crate::ops::{self, Error, Result, Workspace};

/// Below this window width the navigation is narrower.
const NARROW_WINDOW: f32 = 1200.0;

/// When `run` was called, to log the time to the first frame (`CNSCD_LOG=info`).
static STARTED: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
static FIRST_VIEW: std::sync::Once = std::sync::Once::new();

/// How long a toast stays.
const TOAST_SECONDS: u64 = 6;

/// How often the window checks whether the database was restored by someone else.
const RESTORE_POLL: Duration = Duration::from_secs(3);
/// A long piece of work in progress, shown in the header with a progress bar and a cancel button.
#[derive(Debug)]
pub struct Job {
    /// What is running, in words.
    pub label: String,
    /// When it started.
    pub started: Instant,
    /// Stops waiting for the task.
    pub handle: Handle,
    /// Asks the work to stop before it writes.
    pub cancel: Cancel,
    /// The clerk asked it to stop: it is finishing the step in hand and recording what it did.
    pub stopping: bool,
}

/// Opens the window on a workspace.
pub fn run(ws: Workspace) -> Result<()> {
    let _ = STARTED.set(Instant::now());
    if !instance::claim(&ws)? {
        return Ok(());
    }
    let dialogs: SharedDialogs = Arc::new(dialogs::Native::default());
    let clock = Clock::from_env();
    let mut app = iced::application(
        move || App::new(ws.clone(), dialogs.clone(), clock),
        App::update,
        App::view,
    )
    .title(App::title)
    .theme(App::theme)
    .subscription(App::subscription)
    .default_font(theme::UI_FONT)
    .window(instance::settings())
    // The × asks first (unsaved work, a job in progress): see `guard`.
    .exit_on_close_request(false);
    for font in theme::FONT_FILES {
        app = app.font(font);
    }
    app.run()
        .map_err(|e| Error::internal(format!("mở cửa sổ: {e}")))
}

/// Where the window is in its life.
#[derive(Debug)]
pub enum Phase {
    /// Reading the database.
    Loading,
    /// The database could not be opened.
    Failed(db_error::State),
    /// The snapshot is loaded.
    Ready,
}

/// The root state.
#[derive(Debug)]
pub struct App {
    /// What the screens share: workspace, dialogs, registry snapshot, clock.
    pub ctx: Context,
    /// Loading, failed or ready.
    pub phase: Phase,
    /// The screen shown.
    pub nav: Nav,
    pub welcome: welcome::State,
    pub overview: overview::State,
    pub units: units::State,
    pub members: members::State,
    pub documents: documents::State,
    pub reports: reports::State,
    pub signing: signing::State,
    pub settings: settings::State,
    pub guide: guide::State,
    /// Toasts shown: id, notice, when shown.
    pub toasts: Vec<(u64, Notice)>,
    toast_times: Vec<(u64, Instant)>,
    next_toast: u64,
    /// The open confirmation: question and the message that "Đồng ý" sends.
    pub confirm: Option<(String, Box<Message>)>,
    /// The long job in progress.
    pub job: Option<Job>,
    /// The open question with answers of its own (unsaved work, a job when closing).
    pub ask: Option<guard::Ask>,
    /// The window to close once the job in progress has stopped.
    pub close_after_job: Option<iced::window::Id>,
    /// Native dialogs open now (the window is covered meanwhile).
    pub dialogs_open: usize,
    /// The path field of a dialog that could not open.
    pub path_field: Option<path_field::PathField>,
    period: String,
    now: Instant,
    backed_up: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Arc<Registry>, Error>),
    Navigate(Nav),
    Welcome(welcome::Message),
    Overview(overview::Message),
    Units(units::Message),
    Members(members::Message),
    Documents(documents::Message),
    Reports(reports::Message),
    Signing(signing::Message),
    Settings(settings::Message),
    Guide(guide::Message),
    DbError(db_error::Message),
    Key(keyboard::Event),
    Shortcut(Shortcut),
    CloseToast(u64),
    Tick(Instant),
    /// Time to see whether the database was restored by someone else.
    CheckRestore,
    /// Whether it was.
    RestoreChecked(Result<bool, Error>),
    ConfirmYes,
    ConfirmNo,
    CancelJob,
    JobDone(Box<Message>),
    AutoBackup(Result<Option<PathBuf>, Error>),
    Raise,
    /// The clerk clicked × on the window.
    CloseRequested(iced::window::Id),
    /// Close without asking again.
    CloseNow(iced::window::Id),
    /// Stop the job, then close.
    StopAndClose(iced::window::Id),
    /// Drop every screen's unsaved work, then do the message.
    Discard(Box<Message>),
    /// «Tiếp tục sửa»: back to work.
    AskKeep,
    /// The answer of the question that goes on.
    AskGo,
    /// The dialogs report.
    Dialog(dialogs::Event),
    /// The path field of a dialog that could not open.
    Path(path_field::PathMessage),
    /// The window opened: the native dialogs are made modal to it.
    WindowOpened(iced::window::Id),
    /// The window's handle for the native dialogs.
    DialogParent(dialogs::Parent),
}

/// The registry snapshot, and the restore mark it was read under (`Workspace::remember_mark`)
/// for the writes prepared against it.
fn load_registry(store: &mut ops::Store, ws: &Workspace) -> Result<Arc<Registry>, Error> {
    // The mark first: a restore between the two is caught by the next check.
    ws.remember_mark(store)?;
    Ok(Arc::new(ops::registry::load(store)?))
}

impl App {
    /// The state at start and the task that loads the registry.
    pub fn new(ws: Workspace, dialogs: SharedDialogs, clock: Clock) -> (App, Task<Message>) {
        let ctx = Context::new(ws, dialogs, clock);
        let today = ctx.today();
        let app = App {
            welcome: welcome::State::new(),
            overview: overview::State::default(),
            units: units::State::default(),
            members: members::State::default(),
            documents: documents::State::new(today),
            reports: reports::State::new(today),
            signing: signing::State::default(),
            settings: settings::State::default(),
            guide: guide::State::default(),
            phase: Phase::Loading,
            nav: Nav::Overview,
            toasts: Vec::new(),
            toast_times: Vec::new(),
            next_toast: 0,
            confirm: None,
            job: None,
            ask: None,
            close_after_job: None,
            dialogs_open: 0,
            path_field: None,
            period: text::period_line(today.month0() / 3 + 1, today.year()),
            now: Instant::now(),
            backed_up: false,
            ctx,
        };
        let task = app.load();
        (app, task)
    }

    fn load(&self) -> Task<Message> {
        self.ctx.run(load_registry, Message::Loaded)
    }

    pub fn title(&self) -> String {
        match self.ctx.registry.office.issuing_body.as_str() {
            "" => text::APP_TITLE.to_string(),
            office => format!("{} – {office}", text::APP_TITLE),
        }
    }

    pub fn theme(&self) -> iced::Theme {
        theme::theme()
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let keys = Subscription::batch([
            keyboard::listen().map(Message::Key),
            instance::raises().map(|()| Message::Raise),
            iced::window::close_requests().map(Message::CloseRequested),
            iced::window::open_events().map(Message::WindowOpened),
            path_field::events(&self.ctx.broker).map(Message::Dialog),
            // A restore by `cnscd restore` or another window: noticed within seconds.
            iced::time::every(RESTORE_POLL).map(|_| Message::CheckRestore),
        ]);
        if self.job.is_some() || !self.toasts.is_empty() {
            Subscription::batch([
                keys,
                iced::time::every(Duration::from_millis(200)).map(Message::Tick),
            ])
        } else {
            keys
        }
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        // An operation's notices (texts cleaned of control characters) come back with its
        // result's message.
        for n in self.ctx.take_notices() {
            self.notify(Notice::Success(n));
        }
        match message {
            Message::Loaded(Ok(reg)) => {
                self.phase = Phase::Ready;
                self.ctx.registry = reg.clone();
                let ctx = &self.ctx;
                self.overview.refresh(ctx);
                self.units.refresh(ctx);
                self.members.refresh(ctx);
                self.settings.refresh(ctx);
                let report = self.reports.refresh(ctx);
                let register = self.documents.refresh(ctx);
                let summary = self.overview.load_summary(ctx);
                let mut tasks = vec![
                    self.handle(report, Message::Reports),
                    self.handle(register, Message::Documents),
                    self.handle(summary, Message::Overview),
                ];
                if !self.backed_up && !reg.is_empty() {
                    self.backed_up = true;
                    let today = self.ctx.today();
                    tasks.push(self.ctx.files(
                        move |ws| ops::data::auto_backup(ws, today),
                        Message::AutoBackup,
                    ));
                }
                Task::batch(tasks)
            }
            Message::Loaded(Err(e)) => {
                self.phase = Phase::Failed(db_error::State::new(self.ctx.ws.db_path(), &e));
                Task::none()
            }
            Message::Navigate(nav) => self.navigate(nav),
            Message::Welcome(m) => {
                let action = self.welcome.update(&self.ctx, m);
                self.handle(action, Message::Welcome)
            }
            Message::Overview(m) => {
                let action = self.overview.update(&self.ctx, m);
                self.handle(action, Message::Overview)
            }
            Message::Units(m) => {
                let action = self.units.update(&self.ctx, m);
                self.handle(action, Message::Units)
            }
            Message::Members(m) => {
                let action = self.members.update(&self.ctx, m);
                self.handle(action, Message::Members)
            }
            Message::Documents(m) => {
                let action = self.documents.update(&self.ctx, m);
                self.handle(action, Message::Documents)
            }
            Message::Reports(m) => {
                let action = self.reports.update(&self.ctx, m);
                self.handle(action, Message::Reports)
            }
            Message::Signing(m) => {
                let action = self.signing.update(&self.ctx, m);
                self.handle(action, Message::Signing)
            }
            Message::Settings(m) => {
                let action = self.settings.update(&self.ctx, m);
                self.handle(action, Message::Settings)
            }
            Message::Guide(m) => {
                let action = self.guide.update(&self.ctx, m);
                self.handle(action, Message::Guide)
            }
            Message::DbError(m) => {
                let Phase::Failed(state) = &mut self.phase else {
                    return Task::none();
                };
                match state.update(m).1 {
                    db_error::Request::Reveal(path) => {
                        self.ctx.dialogs.reveal(&path);
                        Task::none()
                    }
                    db_error::Request::Retry => {
                        self.phase = Phase::Loading;
                        self.load()
                    }
                }
            }
            // A native dialog open: the window is covered, and no shortcut acts behind it.
            Message::Key(_) if self.dialogs_open > 0 => Task::none(),
            Message::Key(event) if is_f1(&event) => self.navigate(Nav::Guide),
            Message::Key(event) if widget::indicator_grid::key_move(&event).is_some() => {
                self.key_move(&event)
            }
            Message::Key(event) => match shortcut(&event) {
                Some(s) => self.update(Message::Shortcut(s)),
                None => Task::none(),
            },
            Message::Shortcut(s) => self.shortcut(s),
            Message::CloseToast(id) => {
                self.toasts.retain(|(t, _)| *t != id);
                self.toast_times.retain(|(t, _)| *t != id);
                Task::none()
            }
            Message::CheckRestore if matches!(self.phase, Phase::Ready) => self
                .ctx
                .files(|ws| ws.restored_since_loaded(), Message::RestoreChecked),
            Message::CheckRestore => Task::none(),
            Message::RestoreChecked(Ok(true)) => {
                self.notify(Notice::Success(text::RESTORED_ELSEWHERE.to_string()));
                self.load()
            }
            Message::RestoreChecked(Ok(false)) => Task::none(),
            Message::RestoreChecked(Err(e)) => {
                tracing::debug!(error = %e, "restore check");
                Task::none()
            }
            Message::Tick(now) => {
                self.now = now;
                // Success toasts go by themselves; an error stays until the clerk closes it.
                let sticky: Vec<u64> = self
                    .toasts
                    .iter()
                    .filter(|(_, n)| matches!(n, Notice::Error(_)))
                    .map(|(id, _)| *id)
                    .collect();
                let expired: Vec<u64> = self
                    .toast_times
                    .iter()
                    .filter(|(id, at)| {
                        !sticky.contains(id) && now.duration_since(*at).as_secs() >= TOAST_SECONDS
                    })
                    .map(|(id, _)| *id)
                    .collect();
                for id in expired {
                    self.toasts.retain(|(t, _)| *t != id);
                    self.toast_times.retain(|(t, _)| *t != id);
                }
                Task::none()
            }
            Message::ConfirmYes => match self.confirm.take() {
                Some((_, message)) => self.update(*message),
                None => Task::none(),
            },
            Message::ConfirmNo => {
                self.confirm = None;
                Task::none()
            }
            Message::CancelJob => {
                // The work is not cut off: it stops at its next step and its own answer says
                // what it kept (files, register rows), which the screen reports.
                if let Some(job) = &mut self.job {
                    job.cancel.cancel();
                    job.stopping = true;
                }
                Task::none()
            }
            Message::JobDone(message) => {
                self.job = None;
                let done = self.update(*message);
                match self.close_after_job.take() {
                    Some(id) => done.chain(guard::close(id)),
                    None => done,
                }
            }
            Message::CloseRequested(id) => self.close_requested(id),
            Message::CloseNow(id) => guard::close(id),
            Message::StopAndClose(id) => self.stop_and_close(id),
            Message::Discard(then) => {
                self.discard_all();
                self.update(*then)
            }
            Message::AskKeep => {
                if let Some(nav) = self.ask.take().and_then(|a| a.back_to) {
                    self.nav = nav;
                }
                Task::none()
            }
            Message::Dialog(event) => self.dialog_event(event),
            Message::Path(m) => self.path_message(m),
            Message::AskGo => match self.ask.take() {
                Some(ask) => self.update(*ask.then),
                None => Task::none(),
            },
            Message::Raise => instance::raise(),
            Message::WindowOpened(id) => {
                iced::window::run(id, dialogs::Parent::of).map(Message::DialogParent)
            }
            Message::DialogParent(parent) => {
                self.ctx.dialogs.set_parent(parent);
                Task::none()
            }
            Message::AutoBackup(result) => {
                if let Err(e) = result {
                    self.notify(Notice::error(&e));
                }
                Task::none()
            }
        }
    }

    fn shortcut(&mut self, s: Shortcut) -> Task<Message> {
        if s == Shortcut::Close {
            if self.confirm.take().is_some() {
                return Task::none();
            }
            if self.ask.is_some() {
                return self.update(Message::AskKeep);
            }
            if let Some((id, _)) = self.toasts.last() {
                let id = *id;
                return self.update(Message::CloseToast(id));
            }
        }
        if !matches!(self.phase, Phase::Ready) {
            return Task::none();
        }
        if s == Shortcut::Close
            && let Some(asked) = self.guard_escape()
        {
            return asked;
        }
        match self.nav {
            Nav::Units => {
                let a = self.units.shortcut(&self.ctx, s);
                self.handle(a, Message::Units)
            }
            Nav::Members => {
                let a = self.members.shortcut(&self.ctx, s);
                self.handle(a, Message::Members)
            }
            Nav::Settings => {
                let a = self.settings.shortcut(&self.ctx, s);
                self.handle(a, Message::Settings)
            }
            Nav::Reports => {
                let a = self.reports.shortcut(&self.ctx, s);
                self.handle(a, Message::Reports)
            }
            Nav::Documents => {
                let a = self.documents.shortcut(&self.ctx, s);
                self.handle(a, Message::Documents)
            }
            Nav::Overview if s == Shortcut::New && self.ctx.registry.is_empty() => {
                self.update(Message::Welcome(welcome::Message::LoadSample))
            }
            _ => Task::none(),
        }
    }

    fn notify(&mut self, notice: Notice) {
        let id = self.next_toast;
        self.next_toast += 1;
        self.toasts.push((id, notice));
        self.toast_times.push((id, Instant::now()));
    }

    /// Acts on what a screen asked for; `wrap` turns the screen's messages into root messages.
    fn handle<M: Send + 'static>(
        &mut self,
        action: Action<M>,
        wrap: fn(M) -> Message,
    ) -> Task<Message> {
        match action {
            Action::None => Task::none(),
            Action::Run(task) => task.map(wrap),
            Action::Notify(notice) => {
                self.notify(notice);
                Task::none()
            }
            Action::Reload(notice) => {
                self.notify(notice);
                self.load()
            }
            Action::Confirm(c) => {
                self.confirm = Some((c.text, Box::new(wrap(c.yes))));
                Task::none()
            }
            Action::Job {
                label,
                task,
                cancel,
            } => {
                let (task, handle) = task
                    .map(move |m| Message::JobDone(Box::new(wrap(m))))
                    .abortable();
                self.job = Some(Job {
                    label,
                    started: Instant::now(),
                    handle,
                    cancel,
                    stopping: false,
                });
                task
            }
            Action::Open(target) => self.open(target),
        }
    }

    /// Opens `target` on the screen that shows it.
    fn open(&mut self, target: Target) -> Task<Message> {
        match target {
            Target::Screen(nav) => self.navigate(nav),
            Target::Team(team) => {
                self.nav = Nav::Members;
                let action = self.members.show_team(&self.ctx, team);
                self.handle(action, Message::Members)
            }
            Target::SignFile(pdf) => {
                self.nav = Nav::Signing;
                self.signing.sign_file(pdf);
                Task::none()
            }
            Target::DraftReport { unit, period } => {
                self.nav = Nav::Documents;
                self.documents.prepare_report(&self.ctx, unit, period);
                Task::none()
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        FIRST_VIEW.call_once(|| {
            if let Some(start) = STARTED.get() {
                tracing::info!(ms = start.elapsed().as_millis(), "first view built");
            }
        });
        let base: Element<'_, Message> = match &self.phase {
            // No navigation while the database cannot be read; the toasts (a folder that could
            // not be shown) and the dialogs' overlays still come on top.
            Phase::Failed(state) => state.view().map(Message::DbError),
            // A narrower navigation on a 1024-wide screen leaves the screens their room.
            Phase::Loading | Phase::Ready => {
                iced::widget::responsive(|size| self.main(size.width < NARROW_WINDOW)).into()
            }
        };
        let base: Element<'_, Message> = if self.toasts.is_empty() {
            base
        } else {
            iced::widget::stack![
                base,
                widget::overlay::toasts(&self.toasts, Message::CloseToast)
            ]
            .into()
        };
        let base = match &self.confirm {
            Some((question, _)) => {
                widget::overlay::modal(base, question, Message::ConfirmYes, Message::ConfirmNo)
            }
            None => base,
        };
        let base = match &self.ask {
            Some(ask) => widget::overlay::ask(
                base,
                &ask.question,
                (ask.keep, Message::AskKeep),
                (ask.go, Message::AskGo),
            ),
            None => base,
        };
        match &self.path_field {
            Some(field) => path_field::view(base, field),
            None if self.dialogs_open > 0 => path_field::covered(base),
            None => base,
        }
    }

    /// The navigation, the header and the screen.
    fn main(&self, narrow: bool) -> Element<'_, Message> {
        let body: Element<'_, Message> = match self.phase {
            Phase::Ready => self.screen(),
            _ => container(label(text::LOADING))
                .padding(theme::PAD)
                .width(Length::Fill)
                .into(),
        };
        let main = row![
            self.sidebar(narrow),
            column![self.header(), body]
                .width(Length::Fill)
                .height(Length::Fill)
        ];
        container(main)
            .style(theme::page)
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }

    fn screen(&self) -> Element<'_, Message> {
        let ctx = &self.ctx;
        match self.nav {
            Nav::Overview if ctx.registry.is_empty() => {
                self.welcome.view(ctx).map(Message::Welcome)
            }
            Nav::Overview => self.overview.view(ctx).map(Message::Overview),
            Nav::Units => self.units.view(ctx).map(Message::Units),
            Nav::Members => self.members.view(ctx).map(Message::Members),
            Nav::Documents => self.documents.view(ctx).map(Message::Documents),
            Nav::Reports => self.reports.view(ctx).map(Message::Reports),
            Nav::Signing => self.signing.view(ctx).map(Message::Signing),
            Nav::Settings => self.settings.view(ctx).map(Message::Settings),
            Nav::Guide => self.guide.view(ctx).map(Message::Guide),
        }
    }

    fn sidebar(&self, narrow: bool) -> Element<'_, Message> {
        let items = Nav::ALL.iter().map(|&nav| {
            button(label(nav.label()).size(theme::SIZE_BODY))
                .on_press(Message::Navigate(nav))
                .style(theme::nav_item(nav == self.nav))
                .width(Length::Fill)
                .padding([8.0, 12.0])
                .into()
        });
        container(
            Column::new()
                .push(
                    label(text::APP_TITLE)
                        .size(theme::SIZE_HEADING)
                        .font(theme::UI_BOLD),
                )
                .push(iced::widget::space().height(theme::PAD))
                .extend(items)
                .spacing(4),
        )
        .padding(if narrow { theme::GAP } else { theme::PAD })
        .width(if narrow { 184 } else { 220 })
        .height(Length::Fill)
        .style(theme::sidebar)
        .into()
    }

    fn header(&self) -> Element<'_, Message> {
        let office = match self.ctx.registry.office.issuing_body.as_str() {
            "" => text::OFFICE_UNSET,
            name => name,
        };
        let mut bar = row![
            column![
                label(office).size(theme::SIZE_HEADING).font(theme::UI_BOLD),
                label(&self.period)
                    .size(theme::SIZE_SMALL)
                    .style(theme::muted_text),
            ]
            .width(Length::Fill)
        ]
        .spacing(theme::GAP)
        .align_y(Alignment::Center);
        if let Some(job) = &self.job {
            let elapsed = self.now.saturating_duration_since(job.started);
            // The library reports no fractions, so the bar sweeps to show the work is alive.
            let sweep = (elapsed.as_millis() % 2000) as f32 / 2000.0;
            bar = bar.push(
                column![
                    label(text::job_running(&job.label, elapsed.as_secs())).size(theme::SIZE_SMALL),
                    progress_bar(0.0..=1.0, sweep).length(220).girth(8),
                ]
                .spacing(4),
            );
            bar = bar.push(if job.stopping {
                label(text::JOB_STOPPING).size(theme::SIZE_SMALL).into()
            } else {
                Element::from(
                    button(label(text::CANCEL))
                        .on_press(Message::CancelJob)
                        .style(theme::secondary),
                )
            });
        }
        container(bar)
            .padding([12.0, theme::PAD])
            .width(Length::Fill)
            .style(theme::header)
            .into()
    }

    /// Tab, Shift+Tab and the arrows: the indicator grid's cursor when a cell is being typed
    /// in, else Tab goes to the next field and Shift+Tab to the previous one on every screen.
    fn key_move(&mut self, event: &keyboard::Event) -> Task<Message> {
        use widget::indicator_grid::{Move, key_move};
        let Some(m) = key_move(event) else {
            return Task::none();
        };
        if self.nav == Nav::Reports && self.reports.in_grid() {
            let grid = reports::Message::Grid(widget::indicator_grid::Message::Move(m));
            return self.update(Message::Reports(grid));
        }
        match m {
            Move::Next => iced::widget::operation::focus_next(),
            Move::Previous => iced::widget::operation::focus_previous(),
            Move::Down | Move::Up | Move::Right | Move::Left => Task::none(),
        }
    }
}

/// F1 opens the guide, from any screen.
fn is_f1(event: &keyboard::Event) -> bool {
    matches!(
        event,
        keyboard::Event::KeyPressed {
            key: Key::Named(Named::F1),
            ..
        }
    )
}

/// The keyboard shortcuts: Ctrl+F, Ctrl+N, Ctrl+S, Ctrl+P, Esc.
pub fn shortcut(event: &keyboard::Event) -> Option<Shortcut> {
    let keyboard::Event::KeyPressed { key, modifiers, .. } = event else {
        return None;
    };
    match key.as_ref() {
        Key::Named(Named::Escape) => Some(Shortcut::Close),
        Key::Character(c) if modifiers.command() => match c.to_lowercase().as_str() {
            "f" => Some(Shortcut::Search),
            "n" => Some(Shortcut::New),
            "s" => Some(Shortcut::Save),
            "p" => Some(Shortcut::Print),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests;
