// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QMap>

class QLabel;
class QLineEdit;
class QTabWidget;

namespace Keepsake {

class Lab;

// The lab's settings kept in the catalog (lab name and address, notice window, grace
// period, mail server, paper and printers...), one field per key of Settings, and the
// data folder in use.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(const Lab &lab, QWidget *parent = nullptr);

    QLineEdit *field(const QString &key) const { return m_fields.value(key); }
    // Writes the changed fields; false (with the message shown) when one was refused.
    bool save();

private:
    QWidget *settingsPage();
    QWidget *labPage();

    const Lab &m_lab;
    QTabWidget *m_tabs = nullptr;
    QMap<QString, QLineEdit *> m_fields;
    QMap<QString, QString> m_loaded;
    QLabel *m_message = nullptr;
};

} // namespace Keepsake
