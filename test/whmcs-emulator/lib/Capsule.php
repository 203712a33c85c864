<?php
/**
 * WHMCS's Capsule (Laravel query builder) as far as the certbridge addon uses it:
 * Capsule::table(t)->where(column, value)->get() returning rows as stdClass objects.
 */

namespace WHMCS\Database;

use CertbridgeEmulator\Runtime;

final class Capsule
{
    /** Called by module code; returns a query on $table. */
    public static function table($table)
    {
        return new CapsuleQuery((string) $table);
    }
}

final class CapsuleQuery
{
    /** @var string */
    private $table;

    /** @var array list of array(column, operator, value) */
    private $wheres = array();

    public function __construct($table)
    {
        if (!preg_match('/^[A-Za-z0-9_]+$/', $table)) {
            throw new \InvalidArgumentException('emulated Capsule: bad table name ' . $table);
        }
        $this->table = $table;
    }

    /** where(column, value) or where(column, operator, value), as Laravel takes them. */
    public function where($column, $operator, $value = null)
    {
        if (func_num_args() === 2) {
            $value = $operator;
            $operator = '=';
        }
        if (!preg_match('/^[A-Za-z0-9_]+$/', (string) $column) || !in_array($operator, array('=', '!=', '<', '>', '<=', '>='), true)) {
            throw new \InvalidArgumentException('emulated Capsule: unsupported where ' . $column . ' ' . $operator);
        }
        $this->wheres[] = array((string) $column, $operator, $value);
        return $this;
    }

    /** Returns the matching rows as a list of stdClass (Laravel returns a Collection of them). */
    public function get()
    {
        $sql = 'SELECT * FROM `' . $this->table . '`';
        $args = array();
        foreach ($this->wheres as $index => $where) {
            $sql .= ($index === 0 ? ' WHERE ' : ' AND ') . '`' . $where[0] . '` ' . $where[1] . ' ?';
            $args[] = $where[2];
        }
        return array_map(function ($row) {
            return (object) $row;
        }, Runtime::$db->all($sql . ' ORDER BY id', $args));
    }
}
