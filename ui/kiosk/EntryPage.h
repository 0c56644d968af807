// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TouchKeyboard.h"

#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace Keepsake {


// A question on the whole screen, answered by touch: a line of text typed on the
// on-screen keys (an album title, a viewer's code or e-mail), or one choice of a
// list (the album to move photos into). No modal dialog.
class EntryPage : public QWidget
{
    Q_OBJECT

public:
    explicit EntryPage(QWidget *parent = nullptr);

    using TextAnswer = std::function<void(const QString &)>;
    using ChoiceAnswer = std::function<void(qint64)>;
    // The field asks the keyboard for the keys of its kind (a name, or a code or e-mail).
    // emptyAllowed: an empty field is an answer too (a caption taken away).
    void askText(const QString &prompt, const QString &initial, TextAnswer answer,
                 TouchKeyboard::FieldKind kind = TouchKeyboard::FieldKind::Text, bool emptyAllowed = false);
    void askChoice(const QString &prompt, const QList<QPair<qint64, QString>> &choices, ChoiceAnswer answer);

Q_SIGNALS:
    void closed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void accept();
    void retranslate();

    QLabel *m_prompt = nullptr;
    QLineEdit *m_field = nullptr;
    QListWidget *m_choices = nullptr;
    TouchKeyboard *m_keyboard = nullptr;
    QPushButton *m_ok = nullptr;
    QPushButton *m_cancel = nullptr;
    TextAnswer m_textAnswer;
    ChoiceAnswer m_choiceAnswer;
    bool m_emptyAllowed = false;
};

} // namespace Keepsake
