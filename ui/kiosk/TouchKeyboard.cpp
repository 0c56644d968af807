// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TouchKeyboard.h"

#include "CandidateBar.h"
#include "KanaConverter.h"
#include "KeyPanel.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyleHints>

namespace Keepsake {

using Id = KeyboardLayout::Id;
using Action = KeySpec::Action;

namespace {

constexpr Qt::InputMethodHints LatinHints = Qt::ImhEmailCharactersOnly | Qt::ImhUrlCharactersOnly | Qt::ImhLatinOnly
                                            | Qt::ImhPreferLatin | Qt::ImhDialableCharactersOnly | Qt::ImhPreferNumbers;
// What the echo mode of a field sets: kept when the kind is set.
constexpr Qt::InputMethodHints EchoHints = Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoAutoUppercase
                                           | Qt::ImhNoPredictiveText;

bool isLatinText(Id id)
{
    return id == Id::German || id == Id::English;
}

} // namespace

void TouchKeyboard::setFieldKind(QLineEdit *field, FieldKind kind)
{
    Qt::InputMethodHints hints = field->inputMethodHints() & EchoHints;
    switch (kind) {
    case FieldKind::Text: break;
    case FieldKind::Name: hints |= Qt::ImhPreferUppercase; break;
    case FieldKind::Email: hints |= Qt::ImhEmailCharactersOnly | Qt::ImhNoAutoUppercase; break;
    case FieldKind::Phone: hints |= Qt::ImhDialableCharactersOnly; break;
    case FieldKind::PhoneOrEmail: hints |= Qt::ImhDialableCharactersOnly | Qt::ImhEmailCharactersOnly; break;
    case FieldKind::Pin: hints |= Qt::ImhDigitsOnly; break;
    case FieldKind::Code: hints |= Qt::ImhPreferNumbers | Qt::ImhPreferLatin | Qt::ImhUppercaseOnly; break;
    }
    field->setInputMethodHints(hints);
}

TouchKeyboard::TouchKeyboard(QWidget *form) : QWidget(form), m_form(form)
{
    setObjectName(QStringLiteral("touchKeyboard"));
    setStyleSheet(KeyPanel::styleSheet());
    m_stack = new QStackedWidget;
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    buildPanels();
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) { followFocus(now); });
    m_textLayout = KeyboardLayouts::forLanguage(QLocale().name());
    followField();
    retranslate();
}

TouchKeyboard::~TouchKeyboard() = default;

void TouchKeyboard::buildPanels()
{
    for (const Id id : { Id::German, Id::English, Id::Kana, Id::Symbols, Id::Digits, Id::Phone }) {
        auto *keys = new KeyPanel(KeyboardLayouts::layout(id));
        connect(keys, &KeyPanel::typed, this, &TouchKeyboard::type);
        connect(keys, &KeyPanel::actionTapped, this, &TouchKeyboard::act);
        connect(keys, &KeyPanel::shiftHeld, this, [this] { setShift(Shift::Locked); });
        m_panels.insert(id, keys);
        if (keys->layout().isNumberPad()) {   // big keys, not stretched across the page
            auto *centred = new QWidget;
            auto *row = new QHBoxLayout(centred);
            row->setContentsMargins(0, 0, 0, 0);
            row->addStretch(1);
            row->addWidget(keys, 2);
            row->addStretch(1);
            m_stack->addWidget(centred);
        } else {
            m_stack->addWidget(keys);
        }
    }
    m_candidates = new CandidateBar;
    panel(Id::Kana)->setTopBar(m_candidates);
    connect(m_candidates, &CandidateBar::chosen, this, [this](const QString &candidate) {
        if (QLineEdit *target = field())
            m_composer.commit(target, candidate);
        updateCandidates();
    });
}

KeyPanel *TouchKeyboard::currentPanel() const
{
    QWidget *page = m_stack->currentWidget();
    auto *keys = qobject_cast<KeyPanel *>(page);
    return keys ? keys : page->findChild<KeyPanel *>();
}

Id TouchKeyboard::currentLayout() const
{
    return currentPanel()->id();
}

QPushButton *TouchKeyboard::key(const QString &name) const
{
    return currentPanel()->key(name);
}

void TouchKeyboard::setTextLayout(Id id)
{
    if (!KeyboardLayouts::textLayouts().contains(id))
        return;
    m_textLayout = id;
    if (currentPanel()->layout().isText())
        showLayout(id);
    retranslate();
}

void TouchKeyboard::showLayout(Id id)
{
    if (id == Id::Kana && latinOnly())   // kana in a field for Latin letters: English keys instead
        id = Id::English;
    if (currentLayout() == Id::Kana && id != Id::Kana)
        commitComposing();
    KeyPanel *keys = panel(id);
    QWidget *page = keys->layout().isNumberPad() ? keys->parentWidget() : keys;
    // The keyboard asks for the room of the keys shown, not of the tallest layout
    // (a stack's size hint is its largest page's): the sign-in page with a number pad
    // keeps to an 800-pixel screen.
    for (int i = 0; i < m_stack->count(); ++i) {
        QWidget *other = m_stack->widget(i);
        other->setSizePolicy(other == page ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                             other == page ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    }
    m_stack->setCurrentWidget(page);
    m_stack->updateGeometry();
    autoShift();
    retranslate();
}

bool TouchKeyboard::latinOnly() const
{
    return m_target && (m_target->inputMethodHints() & LatinHints);
}

// The keys the field asks for by its hints.
void TouchKeyboard::followField()
{
    const Qt::InputMethodHints hints = m_target ? m_target->inputMethodHints() : Qt::ImhNone;
    const bool lettersToo = hints & (Qt::ImhEmailCharactersOnly | Qt::ImhUrlCharactersOnly | Qt::ImhPreferNumbers);
    panel(Id::Digits)->setActionVisible(Action::Letters, lettersToo);
    panel(Id::Phone)->setActionVisible(Action::Letters, lettersToo);
    if (hints & (Qt::ImhDigitsOnly | Qt::ImhFormattedNumbersOnly))
        showLayout(Id::Digits);
    else if (hints & Qt::ImhDialableCharactersOnly)
        showLayout(Id::Phone);
    else if (hints & Qt::ImhPreferNumbers)
        showLayout(Id::Digits);
    else
        showLayout(m_textLayout);
}

void TouchKeyboard::followFocus(QWidget *now)
{
    auto *edit = qobject_cast<QLineEdit *>(now);
    if (edit && m_form->isAncestorOf(edit))
        setTarget(edit);
}

void TouchKeyboard::setTarget(QLineEdit *target)
{
    if (target == m_target)
        return;
    commitComposing();
    m_target = target;
    setShift(Shift::Off);
    followField();
}

// The field to type into: the one set, or else the form's focused field.
QLineEdit *TouchKeyboard::field()
{
    if (!m_target || !m_target->isVisibleTo(m_form)) {
        if (auto *focused = qobject_cast<QLineEdit *>(m_form->focusWidget()))
            setTarget(focused);
    }
    return m_target && m_target->isEnabled() && !m_target->isReadOnly() ? m_target.data() : nullptr;
}

// The form's field after the target, in the order the focus goes (Tab).
QLineEdit *TouchKeyboard::nextField() const
{
    QList<QLineEdit *> fields;
    for (QWidget *widget = m_form->nextInFocusChain(); widget && widget != m_form; widget = widget->nextInFocusChain()) {
        auto *edit = qobject_cast<QLineEdit *>(widget);
        if (edit && m_form->isAncestorOf(edit) && edit->isVisibleTo(m_form) && edit->isEnabled()
            && !edit->isReadOnly() && (edit->focusPolicy() & Qt::TabFocus))
            fields.append(edit);
    }
    const qsizetype at = fields.indexOf(m_target.data());
    return at >= 0 && at + 1 < fields.size() ? fields.at(at + 1) : nullptr;
}

void TouchKeyboard::type(const QString &text)
{
    QLineEdit *target = field();
    if (!target)
        return;
    const Id id = currentLayout();
    if (id == Id::Kana) {
        m_composer.type(target, m_katakana ? KanaComposer::toKatakana(text) : text);
        updateCandidates();
        return;
    }
    const bool capital = isLatinText(id) && m_shift != Shift::Off && text.size() == 1;
    target->insert(capital ? QString(text.at(0).toUpper()) : text);
    if (m_shift == Shift::Once)
        setShift(Shift::Off);
    autoShift();
}

void TouchKeyboard::act(Action action)
{
    QLineEdit *target = field();
    switch (action) {
    case Action::Shift: tapShift(); break;
    case Action::Backspace: backspace(); break;
    case Action::Space:
        commitComposing();
        if (target)
            target->insert(QStringLiteral(" "));
        autoShift();
        break;
    case Action::Enter: enter(); break;
    case Action::Layout: nextTextLayout(); break;
    case Action::Symbols: showLayout(Id::Symbols); break;
    case Action::Letters: showLayout(m_textLayout); break;
    case Action::Voiced:
    case Action::Small:
        if (target)
            m_composer.changeLast(target, action == Action::Voiced ? &KanaComposer::voiced : &KanaComposer::small);
        updateCandidates();
        break;
    case Action::Script:
        m_katakana = !m_katakana;
        panel(Id::Kana)->setKatakana(m_katakana);
        retranslate();
        break;
    case Action::Type:
    case Action::Gap: break;
    }
}

void TouchKeyboard::backspace()
{
    QLineEdit *target = field();
    if (!target)
        return;
    if (currentLayout() == Id::Kana) {
        m_composer.backspace(target);
        updateCandidates();
    } else {
        target->backspace();
        autoShift();
    }
}

void TouchKeyboard::enter()
{
    commitComposing();
    if (!field())
        return;
    if (QLineEdit *next = nextField()) {
        next->setFocus(Qt::TabFocusReason);
        setTarget(next);
        return;
    }
    Q_EMIT submitted();
}

void TouchKeyboard::nextTextLayout()
{
    const QList<Id> order { Id::English, Id::German, Id::Kana };
    Id next = m_textLayout;
    do {
        next = order.at((order.indexOf(next) + 1) % order.size());
    } while (next == Id::Kana && latinOnly());
    setTextLayout(next);
}

void TouchKeyboard::tapShift()
{
    // A double tap: the second of two taps in a row, the first having turned shift on.
    const bool doubleTap = m_lastShiftTap.isValid()
                           && m_lastShiftTap.elapsed() < QGuiApplication::styleHints()->mouseDoubleClickInterval();
    switch (m_shift) {
    case Shift::Off: setShift(Shift::Once); break;
    case Shift::Once: setShift(doubleTap ? Shift::Locked : Shift::Off); break;
    case Shift::Locked: setShift(Shift::Off); break;
    }
    if (m_shift == Shift::Once)
        m_lastShiftTap.restart();
}

void TouchKeyboard::setShift(Shift shift)
{
    m_shift = shift;
    m_lastShiftTap.invalidate();
    for (const Id id : { Id::German, Id::English }) {
        panel(id)->setCapitals(shift != Shift::Off);
        if (QPushButton *key = panel(id)->actionKey(Action::Shift)) {
            key->setCheckable(true);
            key->setChecked(shift != Shift::Off);
        }
    }
    retranslate();
}

// Capitals where the field wants them: all (codes), or at the start of each word (names).
void TouchKeyboard::autoShift()
{
    if (!m_target || !isLatinText(currentLayout()))
        return;
    const Qt::InputMethodHints hints = m_target->inputMethodHints();
    if (hints & Qt::ImhUppercaseOnly) {
        setShift(Shift::Locked);
    } else if ((hints & Qt::ImhPreferUppercase) && m_shift != Shift::Locked) {
        const QString before = m_target->text().left(m_target->cursorPosition());
        const bool wordStart = before.isEmpty() || before.back().isSpace() || before.back() == QLatin1Char('-');
        setShift(wordStart ? Shift::Once : Shift::Off);
    }
}

void TouchKeyboard::commitComposing()
{
    m_composer.clear();
    updateCandidates();
}

void TouchKeyboard::updateCandidates()
{
    const QString kana = m_composer.composing(m_target);
    if (kana.isEmpty()) {
        m_candidates->setCandidates(QString(), {});
        return;
    }
    if (!m_converter)
        m_converter = std::make_unique<KanaConverter>();
    m_candidates->setCandidates(kana, m_converter->candidates(kana));
}

void TouchKeyboard::showEvent(QShowEvent *event)
{
    // Each time its page appears: the interface language's letters, the focused field's keys.
    m_textLayout = KeyboardLayouts::forLanguage(QLocale().name());
    m_katakana = false;
    panel(Id::Kana)->setKatakana(false);
    if (auto *focused = qobject_cast<QLineEdit *>(m_form->focusWidget()); focused && !m_target)
        setTarget(focused);
    followField();
    QWidget::showEvent(event);
}

void TouchKeyboard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

// The action keys' labels: they say what the key does now (Next or OK, the layout...).
void TouchKeyboard::retranslate()
{
    const bool last = !nextField();
    const QString layoutName = KeyboardLayouts::layout(m_textLayout).name;
    const QString letters = m_textLayout == Id::Kana ? QStringLiteral("あいう") : QStringLiteral("ABC");
    for (KeyPanel *keys : std::as_const(m_panels)) {
        keys->setActionText(Action::Shift, m_shift == Shift::Locked ? QStringLiteral("⇪") : QStringLiteral("⇧"),
                            m_shift == Shift::Locked ? tr("Caps lock") : tr("Shift"));
        keys->setActionText(Action::Backspace, QStringLiteral("⌫"), tr("Backspace"));
        // The space bar shows the sign for a space in every language (the word does not
        // fit a phone pad's key in German); its accessible name says it.
        keys->setActionText(Action::Space, QStringLiteral("\u2423"), tr("Space"));
        keys->setActionText(Action::Enter, last ? tr("OK") : tr("Next"), last ? tr("OK") : tr("Next field"));
        keys->setActionText(Action::Layout, layoutName, tr("Keyboard: %1. Tap for another language.").arg(layoutName));
        keys->setActionText(Action::Symbols, QStringLiteral("?123"), tr("Digits and symbols"));
        keys->setActionText(Action::Letters, keys->layout().isNumberPad() ? QStringLiteral("ABC") : letters, tr("Letters"));
        keys->setActionText(Action::Voiced, QStringLiteral("゛゜"), tr("Voiced sound mark"));
        keys->setActionText(Action::Small, QStringLiteral("小"), tr("Small kana"));
        keys->setActionText(Action::Script, m_katakana ? QStringLiteral("かな") : QStringLiteral("カナ"),
                            m_katakana ? tr("Hiragana") : tr("Katakana"));
    }
}

} // namespace Keepsake
