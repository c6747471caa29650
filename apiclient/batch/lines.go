package batch

import (
	"bufio"
	"errors"
	"io"
)

// lineReader reads a text line by line, counting lines, with no line
// longer than MaxRecordBytes.
type lineReader struct {
	br   *bufio.Reader
	line int  // the number of the last line read
	eof  bool // the last line read was the file's last
	long []byte
}

// readLine returns the next line with its line end, or io.EOF. The slice
// holds until the next call.
func (p *lineReader) readLine() ([]byte, error) {
	line, err := p.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		p.long = append(p.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			if len(p.long) > MaxRecordBytes {
				return nil, inputError(p.line+1, "batch.input.long_line", MaxRecordBytes>>10)
			}
			line, err = p.br.ReadSlice('\n')
			p.long = append(p.long, line...)
		}
		line = p.long
	}
	if len(line) > 0 {
		p.line++
		if err == io.EOF {
			p.eof, err = true, nil
		}
	}
	return line, err
}
