// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

namespace Keepsake {

// A word-wrapped message that keeps room for a few lines whether it holds text or
// not: a message that appears, changes or wraps to a second line does not move the
// page around it. Its role (a style sheet's "warning", "success", ...) sets its look.
class MessageLabel : public QLabel
{
    Q_OBJECT

public:
    explicit MessageLabel(int lines, QWidget *parent = nullptr);

    void setRole(const QString &role);
    int reservedHeight() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    int heightForWidth(int width) const override;

private:
    int m_lines;
};

} // namespace Keepsake
