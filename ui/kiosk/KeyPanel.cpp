// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyPanel.h"

#include "KanaComposer.h"

#include <QGridLayout>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Keepsake {

namespace {

constexpr int HoldMilliseconds = 600;
constexpr int HalfKeyMinimumWidth = 22;

// Object names of the action keys, for tests and the style.
QString actionName(KeySpec::Action action)
{
    using Action = KeySpec::Action;
    switch (action) {
    case Action::Shift: return QStringLiteral("shift");
    case Action::Backspace: return QStringLiteral("back");
    case Action::Space: return QStringLiteral("space");
    case Action::Enter: return QStringLiteral("enter");
    case Action::Layout: return QStringLiteral("layout");
    case Action::Symbols: return QStringLiteral("symbols");
    case Action::Letters: return QStringLiteral("letters");
    case Action::Voiced: return QStringLiteral("voiced");
    case Action::Small: return QStringLiteral("small");
    case Action::Script: return QStringLiteral("script");
    case Action::Type:
    case Action::Gap: break;
    }
    return QString();
}

QString sizeClass(int keyHeight)
{
    return keyHeight >= 72 ? QStringLiteral("large") : keyHeight >= 64 ? QStringLiteral("medium") : QStringLiteral("small");
}

} // namespace

KeyPanel::KeyPanel(const KeyboardLayout &layout, QWidget *parent) : QWidget(parent), m_layout(layout)
{
    setObjectName(QStringLiteral("keys-%1").arg(int(layout.id)));
    m_hold = new QTimer(this);
    m_hold->setSingleShot(true);
    m_hold->setInterval(HoldMilliseconds);
    m_column = new QVBoxLayout(this);
    m_column->setContentsMargins(0, 0, 0, 0);
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(6);
    grid->setVerticalSpacing(6);
    int units = 0;
    for (int row = 0; row < layout.rows.size(); ++row) {
        int column = 0;
        for (const KeySpec &spec : layout.rows.at(row)) {
            if (spec.action != KeySpec::Action::Gap)
                grid->addWidget(makeKey(spec), row, column, 1, spec.span);
            column += spec.span;
        }
        units = qMax(units, column);
    }
    for (int unit = 0; unit < units; ++unit) {
        grid->setColumnStretch(unit, 1);
        grid->setColumnMinimumWidth(unit, layout.isNumberPad() ? 2 * HalfKeyMinimumWidth : HalfKeyMinimumWidth);
    }
    m_column->addLayout(grid);
    m_column->addStretch();
    relabel();
}

QPushButton *KeyPanel::makeKey(const KeySpec &spec)
{
    auto *button = new QPushButton;
    button->setFocusPolicy(Qt::NoFocus);   // the field keeps the cursor
    button->setAutoDefault(false);
    button->setProperty("role", QStringLiteral("key"));
    button->setProperty("keysize", sizeClass(m_layout.keyHeight));
    button->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    if (spec.action == KeySpec::Action::Type) {
        button->setObjectName(QStringLiteral("key-") + spec.text);
        m_typing.insert(button, spec.text);
        connect(button, &QPushButton::clicked, this, [this, text = spec.text] { Q_EMIT typed(text); });
    } else {
        button->setObjectName(QStringLiteral("key-") + actionName(spec.action));
        button->setProperty("action", actionName(spec.action));
        m_actions.insert(spec.action, button);
        if (spec.action == KeySpec::Action::Shift)
            watchHold(button);
        connect(button, &QPushButton::clicked, this, [this, action = spec.action] {
            if (action == KeySpec::Action::Shift && std::exchange(m_held, false))
                return;   // the hold was the tap
            Q_EMIT actionTapped(action);
        });
    }
    m_keys.insert(button->objectName(), button);
    return button;
}

void KeyPanel::watchHold(QPushButton *shift)
{
    connect(shift, &QPushButton::pressed, m_hold, qOverload<>(&QTimer::start));
    connect(shift, &QPushButton::released, m_hold, &QTimer::stop);
    connect(m_hold, &QTimer::timeout, this, [this, shift] {
        if (!shift->isDown())
            return;
        m_held = true;
        Q_EMIT shiftHeld();
    });
}

QPushButton *KeyPanel::key(const QString &name) const
{
    return m_keys.value(name);
}

void KeyPanel::setTopBar(QWidget *bar)
{
    m_column->insertWidget(0, bar);
}

void KeyPanel::setCapitals(bool on)
{
    m_capitals = on;
    relabel();
}

void KeyPanel::setKatakana(bool on)
{
    m_katakana = on;
    relabel();
}

void KeyPanel::relabel()
{
    for (auto it = m_typing.cbegin(); it != m_typing.cend(); ++it) {
        QString label = it.value();
        if (m_katakana)
            label = KanaComposer::toKatakana(label);
        else if (m_capitals && label.size() == 1)
            label = label.at(0).toUpper();   // ß stays ß
        it.key()->setText(label);
        it.key()->setAccessibleName(label);
    }
}

void KeyPanel::setActionText(KeySpec::Action action, const QString &text, const QString &accessibleName)
{
    if (QPushButton *button = m_actions.value(action)) {
        button->setText(text);
        button->setAccessibleName(accessibleName);
        button->setToolTip(accessibleName);
    }
}

void KeyPanel::setActionVisible(KeySpec::Action action, bool visible)
{
    if (QPushButton *button = m_actions.value(action))
        button->setVisible(visible);
}

QString KeyPanel::styleSheet()
{
    // Heights plus the 2-px border: small 52, medium 64, large 72 px.
    return QStringLiteral(R"(
QPushButton[role="key"] { min-width: 36px; padding: 0px; border-radius: 10px; font-size: 26px;
                          background: #ffffff; border: 2px solid #c9c3b8; color: #2b2b2b; }
QPushButton[role="key"]:pressed, QPushButton[role="key"]:checked { background: #e4ddd0; }
QPushButton[keysize="small"] { min-height: 48px; max-height: 48px; font-size: 24px; }
QPushButton[keysize="medium"] { min-height: 60px; max-height: 60px; }
QPushButton[keysize="large"] { min-height: 68px; max-height: 68px; font-size: 30px; }
QPushButton[action="enter"] { background: #2f6f5e; border-color: #2f6f5e; color: white; font-weight: 600; font-size: 22px; }
QPushButton[action="layout"], QPushButton[action="symbols"], QPushButton[action="letters"],
QPushButton[action="script"], QPushButton[action="space"] { font-size: 20px; background: #ece8e1; }
QPushButton[role="candidate"] { min-height: 44px; max-height: 44px; min-width: 48px; padding: 0px 14px;
                                border-radius: 10px; font-size: 26px; background: #ffffff; border: 2px solid #2f6f5e; }
QScrollArea#candidateScroll, QScrollArea#candidateScroll > QWidget, QWidget#candidateStrip { background: transparent; }
QLabel[role="composing"] { font-size: 26px; text-decoration: underline; padding: 0px 8px; }
)");
}

} // namespace Keepsake
