// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TouchPad.h"

#include <QEvent>
#include <QGridLayout>
#include <QLineEdit>
#include <QPushButton>

namespace Keepsake {

namespace {

constexpr int KeyHeight = 72;

} // namespace

TouchPad::TouchPad(Layout layout, QWidget *parent) : QWidget(parent)
{
    setObjectName(layout == Layout::Digits ? QStringLiteral("numberPad") : QStringLiteral("letterPad"));
    auto *grid = new QGridLayout(this);
    grid->setSpacing(8);
    m_back = key(QStringLiteral("pad_back"), QStringLiteral("⌫"));
    m_ok = key(QStringLiteral("pad_ok"), QString());
    connect(m_back, &QPushButton::clicked, this, &TouchPad::backspace);
    connect(m_ok, &QPushButton::clicked, this, &TouchPad::entered);
    if (layout == Layout::Digits) {
        for (int digit = 1; digit <= 9; ++digit)
            grid->addWidget(key(QStringLiteral("pad_%1").arg(digit), QString::number(digit)),
                            (digit - 1) / 3, (digit - 1) % 3);
        grid->addWidget(m_back, 3, 0);
        grid->addWidget(key(QStringLiteral("pad_0"), QStringLiteral("0")), 3, 1);
        grid->addWidget(m_ok, 3, 2);
    } else {
        const QString rows[] = { QStringLiteral("1234567890"), QStringLiteral("QWERTYUIOP"),
                                 QStringLiteral("ASDFGHJKL-"), QStringLiteral("ZXCVBNM@._") };
        for (int r = 0; r < 4; ++r) {
            for (int c = 0; c < rows[r].size(); ++c) {
                const QString letter = rows[r].mid(c, 1);
                grid->addWidget(key(QStringLiteral("pad_%1").arg(letter), letter), r, c);
            }
        }
        m_space = key(QStringLiteral("pad_space"), QString());
        connect(m_space, &QPushButton::clicked, this, [this] { type(QStringLiteral(" ")); });
        grid->addWidget(m_back, 4, 0, 1, 2);
        grid->addWidget(m_space, 4, 2, 1, 6);
        grid->addWidget(m_ok, 4, 8, 1, 2);
    }
    retranslate();
}

QPushButton *TouchPad::key(const QString &name, const QString &text)
{
    auto *button = new QPushButton(text);
    button->setObjectName(name);
    button->setMinimumHeight(KeyHeight);
    button->setMinimumWidth(KeyHeight - 8);
    button->setFocusPolicy(Qt::NoFocus);   // the target field keeps the cursor
    button->setProperty("role", QStringLiteral("key"));
    if (!text.isEmpty() && name != QLatin1String("pad_back"))
        connect(button, &QPushButton::clicked, this, [this, text] { type(text); });
    return button;
}

void TouchPad::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TouchPad::retranslate()
{
    m_ok->setText(tr("OK"));
    if (m_space)
        m_space->setText(tr("Space"));
}

void TouchPad::setTarget(QLineEdit *target)
{
    m_target = target;
}

void TouchPad::type(const QString &text)
{
    if (!m_target)
        return;
    // Names: a capital at the start of each word, small letters after it.
    const QString before = m_target->text().left(m_target->cursorPosition());
    const bool wordStart = before.isEmpty() || before.back().isSpace() || before.back() == QLatin1Char('-');
    m_target->insert(wordStart ? text : text.toLower());
}

void TouchPad::backspace()
{
    if (m_target)
        m_target->backspace();
}

} // namespace Keepsake
